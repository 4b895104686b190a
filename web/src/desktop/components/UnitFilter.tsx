import { Space } from 'antd';
import { useSession } from '../../auth/auth.tsx';
import { OrgUnitTreeSelect } from './OrgUnitTreeSelect.tsx';

/**
 * 单位 [picker]: narrows a screen to a unit of the caller's subtree. Clearing it goes back to the
 * caller's own unit, so the screen always has a unit to ask for.
 */
export function UnitFilter({
  value,
  onChange,
  width = 280,
  'aria-label': ariaLabel = '单位',
}: {
  value: string;
  onChange: (org: string) => void;
  width?: number;
  'aria-label'?: string;
}) {
  const root = useSession()?.org ?? '';
  return (
    <Space wrap>
      <span>单位</span>
      <OrgUnitTreeSelect
        aria-label={ariaLabel}
        value={value}
        onChange={(v) => onChange(v ?? root)}
        style={{ width, maxWidth: '100%' }}
      />
    </Space>
  );
}

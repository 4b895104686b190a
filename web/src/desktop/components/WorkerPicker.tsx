import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useSession } from '../../auth/auth.tsx';
import { searchWorkers, useWorkerName } from './workers.ts';

/**
 * Picks an active worker of the caller's subtree (or of `org`) by typing a name or a 身份证号.
 * The value is the worker id.
 */
export function WorkerPicker({
  value,
  onChange,
  org,
  placeholder = '输入姓名或身份证号查找',
  style,
  id,
  'aria-label': ariaLabel,
  selectedLabel,
}: {
  value?: string;
  /**
   * How to show a value chosen elsewhere (not among the search results). Without it such a value
   * is shown by the worker's name, read by id.
   */
  selectedLabel?: string | undefined;
  onChange?: (workerId: string | undefined) => void;
  org?: string;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}) {
  const session = useSession();
  const root = org ?? session?.org ?? '';
  const [text, setText] = useState('');
  const q = useDeferredValue(text.trim());
  const found = useQuery({
    queryKey: ['workers', 'pick', root, q],
    queryFn: () => searchWorkers({ org: root, q, limit: 50 }),
    enabled: q.length > 0,
  });
  const inResults = found.data?.items.some((w) => w.id === value) ?? false;
  const presetName = useWorkerName(value && !selectedLabel && !inResults ? value : undefined);
  const presetLabel = selectedLabel ?? presetName;
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      style={{ minWidth: 260, ...style }}
      showSearch
      allowClear
      value={value}
      placeholder={placeholder}
      filterOption={false}
      onSearch={setText}
      onChange={(v) => onChange?.(v)}
      loading={found.isFetching}
      notFoundContent={q ? (found.isFetching ? '查找中…' : '没有找到') : '请输入姓名或身份证号'}
      options={[
        ...(found.data?.items ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.nationalId}）` })),
        ...(value && presetLabel && !inResults ? [{ value, label: presetLabel }] : []),
      ]}
    />
  );
}

import type { TableColumnsType } from 'antd';
import { Button, Tag } from 'antd';
import { beijingToday } from '../../../lib/dates.ts';
import { policyVersionName } from '../../../lib/labels.ts';

/** A policy version as `GET /v1/policies/{kind}` lists it. */
export interface Policy {
  kind: string;
  version: string;
  effectiveFrom: string;
  revision: number;
  document: Record<string, unknown>;
}

/** Whether a version is the one in force, one still to come, or one superseded. */
export function VersionState({ version, current }: { version: Policy; current: string | undefined }) {
  if (version.version === current) return <Tag color="success">执行中</Tag>;
  if (version.effectiveFrom > beijingToday()) return <Tag color="processing">待生效</Tag>;
  return <Tag>已失效</Tag>;
}

/**
 * The columns every list of a policy's versions shows: the version by name (its effective day and
 * revisions), its state, and 查看, a button a keyboard reaches too.
 */
export function policyVersionColumns(
  currentVersion: string | undefined,
  view: (version: string) => void,
): TableColumnsType<Policy> {
  return [
    { title: '版本', dataIndex: 'version', render: (v: string) => policyVersionName(v) },
    { title: '状态', key: 'state', render: (_, v) => <VersionState version={v} current={currentVersion} /> },
    {
      title: '操作',
      key: 'view',
      render: (_, v) => (
        <Button type="link" size="small" onClick={() => view(v.version)}>
          查看
        </Button>
      ),
    },
  ];
}

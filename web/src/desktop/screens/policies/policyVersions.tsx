import type { TableColumnsType } from 'antd';
import { Tag } from 'antd';
import { beijingToday, chineseDate } from '../../../lib/dates.ts';

/** A policy version as `GET /v1/policies/{kind}` lists it. */
export interface Policy {
  kind: string;
  version: string;
  effectiveFrom: string;
  revision: number;
  document: Record<string, unknown>;
}

/** The columns every list of a policy's versions shows: version, effective date, revisions, state. */
export function policyVersionColumns(currentVersion: string | undefined): TableColumnsType<Policy> {
  return [
    { title: '版本', dataIndex: 'version' },
    { title: '生效日期', dataIndex: 'effectiveFrom', render: (v: string) => chineseDate(v) },
    { title: '修订次数', dataIndex: 'revision' },
    {
      title: '状态',
      key: 'state',
      render: (_, v) =>
        v.version === currentVersion ? (
          <Tag color="success">执行中</Tag>
        ) : v.effectiveFrom > beijingToday() ? (
          <Tag color="processing">待生效</Tag>
        ) : (
          <Tag>已失效</Tag>
        ),
    },
  ];
}

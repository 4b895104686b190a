import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Grid, Space, Table, type TableColumnsType, Typography } from 'antd';
import { api, data } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { beijingTime } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { ErrorAlert } from '../ErrorAlert.tsx';
import { actionName, changedFields, systemActorName } from './auditChanges.ts';
import { OrgName } from './OrgName.tsx';

type AuditEntry = components['schemas']['AuditEntry'];

function Changes({ entry }: { entry: AuditEntry }) {
  const rows = changedFields(entry.before, entry.after, entry.entity);
  if (rows.length === 0) return <Typography.Text type="secondary">（无字段变化）</Typography.Text>;
  return (
    <Space direction="vertical" size={2}>
      {rows.map((r) => (
        <span key={r.field}>
          <Typography.Text strong>{r.name}</Typography.Text>：
          {r.orgBefore ? <OrgName id={r.orgBefore} /> : r.before} →{' '}
          {r.orgAfter ? <OrgName id={r.orgAfter} /> : r.after}
        </span>
      ))}
    </Space>
  );
}

const actorOf = (e: AuditEntry) =>
  systemActorName(e.actor.sub) ?? (
    <>
      {label('role', e.actor.role)}（<OrgName id={e.actor.org} />）
    </>
  );

const wideColumns: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', width: 150, render: (v: string) => beijingTime(v) },
  { title: '操作', dataIndex: 'action', width: 140, render: (_, e) => e.actionLabel ?? actionName(e.action) },
  { title: '操作人', key: 'actor', width: 200, render: (_, e) => actorOf(e) },
  { title: '变更内容（前 → 后）', key: 'changes', render: (_, e) => <Changes entry={e} /> },
];

/** On a phone: one column, who and when above what changed, rather than the changes in a sliver. */
const narrowColumns: TableColumnsType<AuditEntry> = [
  {
    title: '变更记录（前 → 后）',
    key: 'entry',
    render: (_, e) => (
      <Space direction="vertical" size={4}>
        <Typography.Text strong>{e.actionLabel ?? actionName(e.action)}</Typography.Text>
        <Typography.Text type="secondary">
          {beijingTime(e.at)} · {actorOf(e)}
        </Typography.Text>
        <Changes entry={e} />
      </Space>
    ),
  },
];

/** An entity's audit trail (newest first, paged by the API's cursor): who, when, what changed. */
export function AuditTrail({ entity }: { entity: string }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const trail = useInfiniteQuery({
    queryKey: ['audit', entity],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      data(
        api.GET('/v1/audit', {
          params: { query: { entity, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (last) => last.cursor,
  });
  if (trail.isError) return <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} />;
  const items = trail.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Table<AuditEntry>
        rowKey={(e) => `${e.at}-${e.requestId}-${e.action}`}
        loading={trail.isPending}
        dataSource={items}
        pagination={false}
        size="small"
        locale={{ emptyText: <Empty description="暂无变更记录" /> }}
        columns={wide ? wideColumns : narrowColumns}
      />
      {trail.hasNextPage ? (
        <Button
          style={{ marginTop: 12 }}
          loading={trail.isFetchingNextPage}
          onClick={() => void trail.fetchNextPage()}
        >
          加载更多
        </Button>
      ) : null}
    </>
  );
}

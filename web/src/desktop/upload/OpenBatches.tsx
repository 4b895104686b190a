import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table } from 'antd';
import { api, data } from '../../api/client.ts';
import { label } from '../../lib/labels.ts';
import { DateTimeText } from '../components/cells.tsx';
import { StatusTag, type Tone } from '../components/StatusTag.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';

/** The status tag's colour; the words are the domain's (`batchStatusNames`). */
const STATUS_TONE: Record<string, Tone> = {
  'in-progress': 'processing',
  'rolling-back': 'warning',
  completed: 'success',
  'rolled-back': 'default',
};

/**
 * Uploads too big for one transaction run as durable batches (`/v1/batches`): the ones still being
 * written or rolled back in the caller's subtree, with how far they got. Refreshes while any is open.
 */
export function OpenBatches({ org, kind }: { org: string; kind?: string }) {
  const batches = useQuery({
    queryKey: ['batches', org],
    queryFn: () => data(api.GET('/v1/batches', { params: { query: { org } } })),
    refetchInterval: (q) => ((q.state.data?.items.length ?? 0) > 0 ? 3000 : false),
  });
  if (batches.isError) return <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />;
  const items = (batches.data?.items ?? []).filter((b) => !kind || b.kind === kind);
  return (
    <Card title="进行中的批处理" size="small">
      <Table
        size="small"
        rowKey="id"
        loading={batches.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '没有正在写入或回滚的批处理（大批量上传会在此显示进度）' }}
        columns={[
          { title: '批次', dataIndex: 'id' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => label('batchKind', k) },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => <StatusTag tone={STATUS_TONE[s]}>{label('batchStatus', s)}</StatusTag>,
          },
          {
            title: '进度',
            key: 'progress',
            render: (_, b) => (
              <Progress
                aria-label={`批次 ${b.id} 进度`}
                percent={Math.round(
                  (100 * (b.status === 'rolling-back' ? b.undoNext : b.nextStep)) / Math.max(1, b.stepCount),
                )}
                size="small"
              />
            ),
          },
          { title: '开始时间', dataIndex: 'createdAt', render: (v: string) => <DateTimeText value={v} /> },
        ]}
      />
    </Card>
  );
}

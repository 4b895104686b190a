import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Grid, Popconfirm, Progress, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, data } from '../../api/client.ts';
import type { components } from '../../api/schema.ts';
import { label } from '../../lib/labels.ts';
import { DateTimeText } from '../components/cells.tsx';
import { StatusTag, type Tone } from '../components/StatusTag.tsx';
import { ErrorAlert } from '../ErrorAlert.tsx';

type Batch = components['schemas']['Batch'];
type Recovery = 'resume' | 'roll-back';

/** The status tag's colour; the words are the domain's (`batchStatusNames`). */
const STATUS_TONE: Record<string, Tone> = {
  'in-progress': 'processing',
  'rolling-back': 'warning',
  completed: 'success',
  'rolled-back': 'default',
};

/** The time now, re-read every few seconds: a batch's lease runs out while the list is on screen. */
function useNow(everyMs = 2000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** No process is writing it: the one that was died (its lease ran out), so an officer may act. */
function interrupted(batch: Batch, now: number): boolean {
  return Date.parse(batch.leaseUntil) < now;
}

function percent(batch: Batch): number {
  const done = batch.status === 'rolling-back' ? batch.undoNext : batch.nextStep;
  return Math.round((100 * done) / Math.max(1, batch.stepCount));
}

/**
 * Uploads too big for one transaction run as durable batches (`/v1/batches`): the ones still being
 * written or rolled back in the caller's subtree, with how far they got. Refreshes while any is open.
 * A batch whose writer died (lease expired) is marked 已中断 and can be finished (继续写入) or undone
 * (撤销本批) at once instead of waiting for the recovery job's next sweep.
 */
export function OpenBatches({
  org,
  kind,
  title = '进行中的批处理',
}: {
  org: string;
  kind?: string;
  title?: string;
}) {
  const batches = useQuery({
    queryKey: ['batches', org],
    queryFn: () => data(api.GET('/v1/batches', { params: { query: { org } } })),
    refetchInterval: (q) => ((q.state.data?.items.length ?? 0) > 0 ? 3000 : false),
  });
  const [problem, setProblem] = useState<unknown>(null);
  const now = useNow();
  const wide = Grid.useBreakpoint().md ?? true;
  if (batches.isError) return <ErrorAlert error={batches.error} onRetry={() => void batches.refetch()} />;
  const items = (batches.data?.items ?? []).filter((b) => !kind || b.kind === kind);
  const status = (b: Batch) => (
    <Space size={4} wrap>
      <StatusTag tone={STATUS_TONE[b.status]}>{label('batchStatus', b.status)}</StatusTag>
      {interrupted(b, now) ? <StatusTag tone="error">已中断</StatusTag> : null}
    </Space>
  );
  const progress = (b: Batch) => (
    <Progress aria-label={`批次 ${b.id} 进度`} percent={percent(b)} size="small" />
  );
  const actions = (b: Batch) =>
    interrupted(b, now) ? (
      <RecoverActions batch={b} onError={setProblem} onDone={() => setProblem(null)} />
    ) : (
      <Typography.Text type="secondary">正在写入</Typography.Text>
    );
  const columns = wide
    ? [
        { title: '批次', dataIndex: 'id' },
        { title: '类型', dataIndex: 'kind', render: (k: string) => label('batchKind', k) },
        { title: '状态', key: 'status', render: (_: unknown, b: Batch) => status(b) },
        { title: '进度', key: 'progress', render: (_: unknown, b: Batch) => progress(b) },
        { title: '开始时间', dataIndex: 'createdAt', render: (v: string) => <DateTimeText value={v} /> },
        { title: '操作', key: 'actions', render: (_: unknown, b: Batch) => actions(b) },
      ]
    : [
        {
          title: '批处理',
          key: 'batch',
          render: (_: unknown, b: Batch) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>
                {label('batchKind', b.kind)} · {b.id}
              </Typography.Text>
              {status(b)}
              {progress(b)}
              <Typography.Text type="secondary">
                开始于 <DateTimeText value={b.createdAt} />
              </Typography.Text>
              {actions(b)}
            </Flex>
          ),
        },
      ];
  return (
    <Card title={title} size="small">
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 12 }} /> : null}
      <Table<Batch>
        size="small"
        rowKey="id"
        loading={batches.isPending}
        pagination={false}
        dataSource={items}
        locale={{ emptyText: '没有正在写入或回滚的批处理（大批量上传会在此显示进度）' }}
        columns={columns}
      />
    </Card>
  );
}

/**
 * 继续写入 / 撤销本批 (or 继续回滚 once a roll-back has begun) for an interrupted batch. Each action has
 * its own Idempotency-Key, so a double click or a retry acts once.
 */
function RecoverActions({
  batch,
  onError,
  onDone,
}: {
  batch: Batch;
  onError: (error: unknown) => void;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [keys] = useState(() => ({ resume: crypto.randomUUID(), 'roll-back': crypto.randomUUID() }));
  const kindName = label('batchKind', batch.kind);
  const recover = useMutation({
    mutationFn: (action: Recovery) =>
      data(
        api.POST('/v1/batches/{id}/recover', {
          params: { path: { id: batch.id }, header: { 'idempotency-key': keys[action] } },
          body: { action },
        }),
      ),
    onSuccess: (result) => {
      onDone();
      if (result.status === 'completed') void message.success(`${kindName}批次 ${batch.id} 已写入完成`);
      else if (result.rollbackReason)
        void message.warning(
          `${kindName}批次 ${batch.id} 无法继续写入，已全部回滚：${result.rollbackReason.message}`,
          8,
        );
      else void message.success(`${kindName}批次 ${batch.id} 已撤销，已写入的部分全部回滚`);
      // A batch touches workers, seats, scores…: everything read before it may have changed.
      void client.invalidateQueries();
    },
    onError,
  });
  if (batch.status === 'rolling-back')
    return (
      <Popconfirm
        title="继续回滚"
        description="撤销这一批已写入的全部内容。"
        okText="确认回滚"
        cancelText="取消"
        onConfirm={() => recover.mutate('roll-back')}
      >
        <Button size="small" danger loading={recover.isPending}>
          继续回滚
        </Button>
      </Popconfirm>
    );
  return (
    <Space size={4} wrap>
      <Popconfirm
        title="继续写入"
        description={`写入这一批余下的 ${batch.stepCount - batch.nextStep} 步；如已无法写入，将整批回滚。`}
        okText="确认写入"
        cancelText="取消"
        onConfirm={() => recover.mutate('resume')}
      >
        <Button size="small" type="primary" loading={recover.isPending && recover.variables === 'resume'}>
          继续写入
        </Button>
      </Popconfirm>
      <Popconfirm
        title="撤销本批"
        description="回滚这一批已写入的全部内容，就像从未上传。"
        okText="确认撤销"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onConfirm={() => recover.mutate('roll-back')}
      >
        <Button size="small" danger loading={recover.isPending && recover.variables === 'roll-back'}>
          撤销本批
        </Button>
      </Popconfirm>
    </Space>
  );
}

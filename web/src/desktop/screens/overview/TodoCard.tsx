import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { Card, Flex, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { api, data } from '../../../api/client.ts';
import { chineseDate } from '../../../lib/dates.ts';
import { label } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

/** How many of a kind of pending work, and what more to say about it once known. */
interface Tally {
  count: number;
  /** More than `count` exist (a cursor-paged list read one page deep): shown as "100+". */
  more?: boolean;
  /** What the count covers, once the answer says (e.g. the policy's days). */
  note?: string;
}

interface Todo {
  key: string;
  title: string;
  /** What the count covers before (or without) the answer's own note. */
  hint: string;
  unit: string;
  to: string;
  query: UseQueryResult<Tally>;
}

const PAGE = 100;

/**
 * 待办事项: one row per kind of pending work in the officer's subtree, each with its count and a
 * link to the screen where it is handled. Each count is its own query: one failing shows its error
 * (with a retry) in its own row only.
 */
export function TodoCard({ org, compact = false }: { org: string; compact?: boolean }) {
  const probations = useQuery({
    queryKey: ['probations', org, 'overview'],
    queryFn: () => data(api.GET('/v1/probations', { params: { query: { org } } })),
    select: (r): Tally => ({
      count: r.items.length,
      note: `截至 ${chineseDate(r.until)} 期满、尚未办理转正的人员`,
    }),
  });
  const contracts = useQuery({
    queryKey: ['contracts-ending', org, 'policy'],
    queryFn: () => data(api.GET('/v1/contracts/ending', { params: { query: { org } } })),
    select: (r): Tally => ({
      count: r.items.length,
      note: `${r.withinDays} 天内到期（含已到期未办理）的合同`,
    }),
  });
  const reminders = useQuery({
    queryKey: ['contract-reminders', org, 'open', 'overview'],
    queryFn: () =>
      data(api.GET('/v1/contract-reminders', { params: { query: { org, status: 'open', limit: PAGE } } })),
    select: (r): Tally => ({ count: r.items.length, more: Boolean(r.cursor) }),
  });
  const proposals = useQuery({
    // The same request as 考核 › 清退建议 makes: one cache entry for both.
    queryKey: ['exit-proposals', org],
    queryFn: () =>
      data(api.GET('/v1/exit-proposals', { params: { query: { org, status: 'pending', limit: PAGE } } })),
    select: (r): Tally => ({ count: r.items.length, more: Boolean(r.cursor) }),
  });
  const batches = useQuery({
    // The same request as 批处理 (and the open batches on 调入 and 存量人员导入) make.
    queryKey: ['batches', org],
    queryFn: () => data(api.GET('/v1/batches', { params: { query: { org } } })),
    refetchInterval: (q) => ((q.state.data?.items.length ?? 0) > 0 ? 3000 : false),
    select: (r): Tally => {
      const kinds = [...new Set(r.items.map((b) => b.kind))];
      return {
        count: r.items.length,
        ...(kinds.length > 0
          ? { note: `进行中：${kinds.map((k) => label('batchKind', k)).join('、')}` }
          : {}),
      };
    },
  });

  const todos: Todo[] = [
    {
      key: 'probations',
      title: '试用期将满（含已期满未办理）',
      hint: '试用期即将期满、尚未办理转正的人员',
      unit: '人',
      to: '/hr/probations',
      query: probations,
    },
    {
      key: 'contracts',
      title: '合同即将到期',
      hint: '即将到期（含已到期未办理）的合同',
      unit: '人',
      to: '/hr/contracts',
      query: contracts,
    },
    {
      key: 'reminders',
      title: '续签提醒待处理',
      hint: '每日任务生成、尚未标记处理的续签提醒',
      unit: '条',
      to: '/hr/contracts?tab=reminders',
      query: reminders,
    },
    {
      key: 'proposals',
      title: '清退建议待确认',
      hint: '年度考核产生、尚待确认清退或不予清退的建议',
      unit: '条',
      to: '/hr/evaluations?tab=proposals',
      query: proposals,
    },
    {
      key: 'batches',
      title: '未完成的批量操作',
      hint: '正在写入或回滚的大批量上传；中断的可在批处理中继续写入或撤销',
      unit: '批',
      to: '/hr/batches',
      query: batches,
    },
  ];

  return (
    <Card title="待办事项" size={compact ? 'small' : 'default'} styles={{ body: { padding: 0 } }}>
      <ul
        className="overview-todos"
        aria-label="待办事项"
        style={{ listStyle: 'none', margin: 0, padding: 0 }}
      >
        {todos.map((todo, i) => (
          <TodoRow key={todo.key} todo={todo} last={i === todos.length - 1} compact={compact} />
        ))}
      </ul>
    </Card>
  );
}

function TodoRow({ todo, last, compact }: { todo: Todo; last: boolean; compact: boolean }) {
  const { query } = todo;
  return (
    <li
      data-testid={`todo-${todo.key}`}
      style={{
        padding: compact ? '10px 12px' : '14px 24px',
        borderBottom: last ? undefined : '1px solid rgba(5, 5, 5, 0.06)',
      }}
    >
      <Flex justify="space-between" align="center" gap={16} wrap>
        <div style={{ minWidth: 0, flex: '1 1 200px' }}>
          <Link to={todo.to} style={{ fontSize: 15, fontWeight: 500 }}>
            {todo.title}
          </Link>
          <div>
            <Typography.Text type="secondary">{query.data?.note ?? todo.hint}</Typography.Text>
          </div>
        </div>
        {query.isError ? null : (
          <div style={{ flex: 'none', minWidth: 64, textAlign: 'right' }}>
            <TodoCount query={query} unit={todo.unit} />
          </div>
        )}
      </Flex>
      {query.isError ? (
        <ErrorAlert style={{ marginTop: 8 }} error={query.error} onRetry={() => void query.refetch()} />
      ) : null}
    </li>
  );
}

function TodoCount({ query, unit }: { query: UseQueryResult<Tally>; unit: string }) {
  if (query.isPending)
    return <Skeleton.Button active size="small" style={{ width: 56 }} aria-label="正在统计" />;
  const tally = query.data;
  if (!tally) return null;
  if (tally.count === 0)
    return (
      <Typography.Text type="secondary" data-testid="todo-count">
        无
      </Typography.Text>
    );
  return (
    <Typography.Text type="warning" strong data-testid="todo-count" style={{ fontSize: 22, lineHeight: 1 }}>
      {tally.count}
      {tally.more ? '+' : ''}
      <span style={{ fontSize: 14, fontWeight: 'normal', marginLeft: 4 }}>{unit}</span>
    </Typography.Text>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { beijingTime, beijingToday, chineseDate, chineseMonth, chinesePeriod } from '../../../lib/dates.ts';
import { committeeRoleTitle, gradeLabel, label, policyVersionName } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { DateText, Money } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { useWorkerNames, type Worker } from '../../components/workers.ts';

type S = components['schemas'];

const year = () => Number(beijingToday().slice(0, 4));

function Loaded<T>({
  q,
  children,
}: {
  q: { isPending: boolean; isError: boolean; error: unknown; data?: T; refetch: () => unknown };
  children: (data: T) => React.ReactNode;
}) {
  if (q.isPending) return <Typography.Text type="secondary">加载中…</Typography.Text>;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  return <>{children(q.data as T)}</>;
}

export function ProfileTab({ worker }: { worker: Worker }) {
  const w = worker as Worker & {
    education?: string;
    sex?: string;
    birthDate?: string;
    isPartyMember?: boolean;
  };
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
      <Descriptions.Item label="姓名">{w.name}</Descriptions.Item>
      <Descriptions.Item label="身份证号">
        <span data-testid="national-id">{w.nationalId}</span>
      </Descriptions.Item>
      <Descriptions.Item label="所在单位">
        <OrgName id={w.org} />
        {w.orgSince ? (
          <span data-testid="org-since">
            （<DateText value={w.orgSince} />
            调入）
          </span>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label="状态">{label('workerStatus', w.status)}</Descriptions.Item>
      <Descriptions.Item label="岗位">{label('post', w.post)}</Descriptions.Item>
      <Descriptions.Item label="等级">{gradeLabel(w.grade)}</Descriptions.Item>
      <Descriptions.Item label="进入方式">{w.channelLabel ?? w.channel}</Descriptions.Item>
      <Descriptions.Item label="入职日期">
        <DateText value={w.hiredOn} />
      </Descriptions.Item>
      <Descriptions.Item label="试用期">
        {w.probation.status === 'none'
          ? w.channel === 'transfer'
            ? '无（调入人员）'
            : '无'
          : w.probation.status === 'serving'
            ? `试用中，${chineseDate(w.probation.endsOn)} 期满${w.probation.extendedMonths > 0 ? `（已延长 ${w.probation.extendedMonths} 个月）` : ''}`
            : w.probation.status === 'confirmed'
              ? `已转正${w.probation.decidedOn ? `（${chineseDate(w.probation.decidedOn)}）` : ''}`
              : '未通过'}
      </Descriptions.Item>
      <Descriptions.Item label="合同到期">
        <DateText value={w.contractEndsOn} />
      </Descriptions.Item>
      {w.exit ? (
        <>
          <Descriptions.Item label="退出情形">{w.exit.label}</Descriptions.Item>
          <Descriptions.Item label="离职日期">
            <DateText value={w.exit.effectiveOn} />
          </Descriptions.Item>
          <Descriptions.Item label="依据" span="filled">
            {w.exit.evidence}
          </Descriptions.Item>
        </>
      ) : null}
    </Descriptions>
  );
}

export function GradeTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'grade'],
    queryFn: () => data(api.GET('/v1/workers/{id}/grade', { params: { path: { id: workerId } } })),
  });
  return (
    <Loaded q={q}>
      {(g: S['WorkerGrade']) => (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions bordered column={{ xs: 1, md: 3 }} size="middle">
            <Descriptions.Item label="岗位">{label('post', g.post)}</Descriptions.Item>
            <Descriptions.Item label="等级">{gradeLabel(g.grade)}</Descriptions.Item>
            <Descriptions.Item label="本岗等级范围">
              {g.band.min}–{g.band.max} 级
            </Descriptions.Item>
            <Descriptions.Item label="现等级起始">
              <DateText value={g.gradeSince} />
            </Descriptions.Item>
            <Descriptions.Item label="两委职务" span="filled">
              {g.committeeRoles.length === 0
                ? '无'
                : g.committeeRoles.map((r) => committeeRoleTitle(r.committee, r.role)).join('、')}
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(r) => `${r.recordedAt}-${r.grade}`}
            size="small"
            pagination={false}
            dataSource={[...g.history].reverse()}
            locale={{ emptyText: '暂无等级变动记录' }}
            columns={[
              { title: '生效日期', dataIndex: 'effectiveOn', render: (v: string) => <DateText value={v} /> },
              { title: '原因', dataIndex: 'reason', render: (v: string) => label('gradeChangeReason', v) },
              {
                title: '调整前',
                dataIndex: 'from',
                render: (f: { post: string; grade: number } | null) =>
                  f ? `${label('post', f.post)} ${gradeLabel(f.grade)}` : '—',
              },
              {
                title: '调整后',
                key: 'to',
                render: (_, r) => `${label('post', r.post)} ${gradeLabel(r.grade)}`,
              },
              { title: '备注', dataIndex: 'note', render: (v: string | null) => v ?? '—' },
            ]}
          />
          <Typography.Text type="secondary">
            薪酬政策版本：{policyVersionName(g.payPolicyVersion)}
          </Typography.Text>
        </Space>
      )}
    </Loaded>
  );
}

export function HistoryTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'history'],
    queryFn: () => data(api.GET('/v1/workers/{id}/history', { params: { path: { id: workerId } } })),
  });
  return (
    <Loaded q={q}>
      {(h: { items: S['WorkerHistoryEntry'][] }) => (
        <Table
          rowKey={(r) => `${r.at}-${r.event}`}
          size="small"
          pagination={false}
          dataSource={h.items}
          columns={[
            { title: '生效日期', dataIndex: 'effectiveOn', render: (v: string) => <DateText value={v} /> },
            { title: '事项', dataIndex: 'event', render: (v: string) => label('workerEvent', v) },
            { title: '单位', dataIndex: 'org', render: (v: string) => <OrgName id={v} /> },
            { title: '记录时间', dataIndex: 'at', render: (v: string) => beijingTime(v) },
          ]}
        />
      )}
    </Loaded>
  );
}

export function CertificatesTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'certificates'],
    queryFn: () => data(api.GET('/v1/workers/{id}/certificates', { params: { path: { id: workerId } } })),
  });
  return (
    <Loaded q={q}>
      {(c: S['WorkerCertificates']) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            职业资格津贴：
            <Money fen={c.monthlyAllowanceFen} /> / 月
            {c.allowanceFromMonth ? `（自 ${chineseMonth(c.allowanceFromMonth)}起）` : ''}
          </Typography.Text>
          <Table
            rowKey="number"
            size="small"
            pagination={false}
            locale={{ emptyText: '暂无登记的职业资格证书' }}
            dataSource={c.items}
            columns={[
              { title: '等级', dataIndex: 'levelName' },
              { title: '证书编号', dataIndex: 'number' },
              { title: '发证日期', dataIndex: 'issuedOn', render: (v: string) => <DateText value={v} /> },
              { title: '登记日期', dataIndex: 'registeredOn', render: (v: string) => <DateText value={v} /> },
            ]}
          />
        </Space>
      )}
    </Loaded>
  );
}

export function TrainingTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'training'],
    queryFn: () =>
      data(
        api.GET('/v1/workers/{id}/training', { params: { path: { id: workerId }, query: { year: year() } } }),
      ),
  });
  return (
    <Loaded q={q}>
      {(t: S['WorkerTraining']) => (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space size="large">
            <span>
              {t.year} 年学时：{t.totalHours} / {t.annualRequiredHours}
            </span>
            <Progress percent={Math.min(100, t.progressPercent)} style={{ width: 240 }} />
            {t.requirementMet ? (
              <Tag color="success">已达标</Tag>
            ) : (
              <Tag color="warning">未达标，差 {t.remainingHours} 学时</Tag>
            )}
            <span>
              每周学习达标：{t.compliantWeeks} / {t.weeksInYearSoFar} 周
            </span>
          </Space>
          <Table
            rowKey={(r) => `${r.eventId}`}
            size="small"
            pagination={false}
            locale={{ emptyText: '本年度暂无培训记录' }}
            dataSource={t.records}
            columns={[
              { title: '日期', dataIndex: 'date', render: (v: string) => <DateText value={v} /> },
              { title: '培训', dataIndex: 'title' },
              { title: '级别', dataIndex: 'level', render: (v: string) => label('trainingLevel', v) },
              { title: '学时', dataIndex: 'hours', align: 'right' },
            ]}
          />
        </Space>
      )}
    </Loaded>
  );
}

export function MentoringTab({ worker }: { worker: Worker }) {
  const mentorIds = ((worker as { mentorIds?: string[] }).mentorIds ?? []) as string[];
  const sessions = useQuery({
    queryKey: ['worker', worker.id, 'coaching'],
    queryFn: () =>
      data(
        api.GET('/v1/workers/{id}/coaching-sessions', {
          params: { path: { id: worker.id }, query: { year: year() } },
        }),
      ),
  });
  const mentorNames = useWorkerNames(mentorIds);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text>
        现任带教导师：
        {mentorIds.length === 0
          ? '无'
          : mentorIds.every((id) => mentorNames.has(id))
            ? mentorIds.map((id) => mentorNames.get(id)).join('、')
            : '加载中…'}
      </Typography.Text>
      <Loaded q={sessions}>
        {(s: S['CoachingSessions']) => (
          <>
            <Typography.Text>
              {s.year ?? year()} 年接受带教 {s.count} 次，共 {s.minutes} 分钟
            </Typography.Text>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              locale={{ emptyText: '暂无带教记录' }}
              dataSource={s.items}
              columns={[
                { title: '日期', dataIndex: 'date', render: (v: string) => <DateText value={v} /> },
                { title: '方式', dataIndex: 'mode', render: (v: string) => label('sessionMode', v) },
                { title: '时长（分钟）', dataIndex: 'minutes', align: 'right' },
                { title: '内容', dataIndex: 'notes' },
              ]}
            />
          </>
        )}
      </Loaded>
    </Space>
  );
}

export function EvaluationsTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'evaluations'],
    queryFn: () =>
      data(
        api.GET('/v1/workers/{id}/evaluations', { params: { path: { id: workerId }, query: { limit: 50 } } }),
      ),
  });
  return (
    <Loaded q={q}>
      {(e: { items: S['EvaluationResult'][] }) => (
        <Table
          rowKey={(r) => `${r.kind}-${r.period}`}
          size="small"
          pagination={false}
          locale={{ emptyText: '暂无考核结果' }}
          dataSource={e.items}
          columns={[
            { title: '期间', dataIndex: 'period', render: (p: string) => chinesePeriod(p) },
            { title: '类型', dataIndex: 'kind', render: (v: string) => label('evaluationKind', v) },
            { title: '总分', dataIndex: 'total', align: 'right' },
            { title: '单位排名', key: 'rank', render: (_, r) => `${r.rank} / ${r.unitSize}` },
            { title: '等次', dataIndex: 'grade', render: (v: string) => label('evaluationGrade', v) },
          ]}
        />
      )}
    </Loaded>
  );
}

export function PromotionsTab({ workerId }: { workerId: string }) {
  const q = useQuery({
    queryKey: ['worker', workerId, 'promotions'],
    queryFn: () => data(api.GET('/v1/workers/{id}/promotions', { params: { path: { id: workerId } } })),
  });
  return (
    <Loaded q={q}>
      {(p: S['PromotionHistory']) => (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          locale={{ emptyText: '暂无晋升记录' }}
          dataSource={p.items}
          columns={[
            { title: '生效日期', dataIndex: 'effectiveOn', render: (v: string) => <DateText value={v} /> },
            { title: '职务', dataIndex: 'roleLabel' },
            {
              title: '岗位等级',
              key: 'grade',
              render: (_, r) =>
                `${label('post', r.from.post)} ${gradeLabel(r.from.grade)} → ${label('post', r.to.post)} ${gradeLabel(r.to.grade)}`,
            },
            {
              title: '月薪变化',
              key: 'pay',
              render: (_, r) => (
                <>
                  <Money fen={r.payBeforeFen} /> → <Money fen={r.payAfterFen} />
                </>
              ),
            },
          ]}
        />
      )}
    </Loaded>
  );
}

export function HonoursTab({ workerId }: { workerId: string }) {
  const y = year();
  const q = useQuery({
    queryKey: ['worker', workerId, 'honours', y],
    queryFn: async () => {
      const cycles = await data(api.GET('/v1/honour-cycles', { params: { query: { year: y } } }));
      const details = await Promise.all(
        cycles.items.map((c) => data(api.GET('/v1/honour-cycles/{id}', { params: { path: { id: c.id } } }))),
      );
      return details.flatMap((d) =>
        d.nominations.filter((n) => n.workerId === workerId).map((n) => ({ ...n, cycleName: d.name })),
      );
    },
  });
  return (
    <Loaded q={q}>
      {(items: (S['Nomination'] & { cycleName: string })[]) =>
        items.length === 0 ? (
          <Empty description={`${y} 年暂无表彰提名`} />
        ) : (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={items}
            columns={[
              { title: '评选', dataIndex: 'cycleName' },
              { title: '推荐理由', dataIndex: 'reason' },
              {
                title: '结果',
                key: 'result',
                render: (_, n) =>
                  n.withdrawn ? '已撤回' : n.result ? (n.result.awarded ? '当选' : '未当选') : '评选中',
              },
            ]}
          />
        )
      }
    </Loaded>
  );
}

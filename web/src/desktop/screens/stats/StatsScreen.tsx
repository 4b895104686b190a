import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { beijingToday } from '../../../lib/dates.ts';
import { committeeRoleTitle, label } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOrgUnit, fetchChildren } from '../../components/orgUnits.ts';
import { Chart, type ChartOption } from './Chart.tsx';

/** GET /v1/stats as this screen reads it (the sections registered by each context). */
interface Stats {
  org: string;
  year: number;
  quota: { holdsQuota: boolean; quota: number | null; used: number; available: number | null };
  headcount: { active: number };
  hires: { openRecruitment: number; transfer: number; helperAppointment: number; total: number };
  exits: { bySituation: Record<string, number>; total: number };
  careers: {
    workersByPostAndGrade: Record<string, { total: number; byGrade: Record<string, number> }>;
    promotions: Record<'party' | 'residents', Record<'member' | 'deputy' | 'head' | 'total', number>> & {
      total: number;
    };
    honours: {
      byType: Record<string, { nominations: number; awards: number }>;
      nominations: number;
      awards: number;
    };
  };
  training: { events: Record<string, number>; totalEvents: number; personTimes: number; hours: number };
  mentoring: { mentors: number; mentees: number; sessions: number; sessionMinutes: number };
  certification: {
    certifiedActive: number;
    active: number;
    certifiedOnDutyRate: number | null;
    previousYearRate: number | null;
    changePoints: number | null;
  };
  evaluation: components['schemas']['Stats']['evaluation'];
}

/** A rate as a percentage with one decimal (99.3 %), or — when there is nothing to measure. */
const percent = (rate: number | null) => (rate == null ? '—' : `${rate.toFixed(1)}%`);

const fetchStats = async (org: string, year: number) =>
  (await data(api.GET('/v1/stats', { params: { query: { org, year } } }))) as unknown as Stats;

/** Short names of the six exit situations for a chart's axis (the full words are `exitSituationNames`). */
const EXIT_SITUATION_SHORT_NAMES: Record<string, string> = {
  '1': '考核不称职',
  '2': '培训后仍不胜任',
  '3': '严重违纪',
  '4': '违法',
  '5': '辞职或不续聘',
  '6': '退休或身体原因',
};

const bar = (
  categories: string[],
  series: { name: string; data: number[] }[],
  stack?: boolean,
): ChartOption => {
  const rotate = categories.length > 6 ? 30 : 0;
  return {
    tooltip: { trigger: 'axis' },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 40, right: 16, top: series.length > 1 ? 32 : 16, bottom: 40 },
    xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate } },
    // On a phone-wide chart more than three names side by side run into each other: turn them.
    media: [
      { option: { xAxis: { axisLabel: { rotate } } } },
      {
        query: { maxWidth: 480 },
        option: { xAxis: { axisLabel: { rotate: categories.length > 3 ? 45 : 0 } } },
      },
    ],
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.data,
      ...(stack ? { stack: 'all' } : {}),
    })),
  };
};

const pie = (items: { name: string; value: number }[]): ChartOption => ({
  tooltip: { trigger: 'item' },
  legend: { bottom: 0 },
  series: [{ type: 'pie', radius: ['35%', '65%'], data: items, label: { formatter: '{b}：{c}' } }],
});

/** One figure: chart on the left, its numbers in a table on the right (both print). */
function Figure({
  title,
  testId,
  option,
  rows,
  columns,
}: {
  title: string;
  testId: string;
  option: ChartOption;
  rows: Record<string, string | number>[];
  columns: { title: string; dataIndex: string }[];
}) {
  return (
    <Card title={title} className="stats-figure" data-testid={testId} style={{ marginBottom: 16 }}>
      {/* Chart beside its table on a wide screen; one above the other on a phone. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          {rows.some((r) => Object.values(r).some((v) => typeof v === 'number' && v > 0)) ? (
            <Chart option={option} label={title} />
          ) : (
            <Empty description="本年度暂无数据" style={{ paddingTop: 60, height: 260 }} />
          )}
        </Col>
        <Col xs={24} lg={10}>
          <Table
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowKey={(r) => String(r[columns[0]!.dataIndex])}
            dataSource={rows}
            columns={columns.map((c, i) => ({
              ...c,
              ...(i > 0 ? { align: 'right' as const } : {}),
              onCell: (r: Record<string, string | number>) =>
                ({ 'data-cell': `${r[columns[0]!.dataIndex]}|${c.dataIndex}` }) as never,
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}

/** 统计: the caller's subtree for a chosen year, each chart beside its numbers (GET /v1/stats). */
export default function StatsScreen() {
  const org = useSession()?.org ?? '';
  const thisYear = Number(beijingToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const unit = useOrgUnit(org);
  const stats = useQuery({ queryKey: ['stats', org, year], queryFn: () => fetchStats(org, year) });
  const children = useQuery({
    queryKey: ['stats', org, year, 'children'],
    queryFn: async () => {
      const units = await fetchChildren(org);
      return Promise.all(units.map(async (u) => ({ unit: u, stats: await fetchStats(u.id, year) })));
    },
  });
  const s = stats.data;
  const figures = useMemo(() => (s ? buildFigures(s) : []), [s]);

  return (
    <>
      <PageHeader
        title="统计"
        crumbs={[{ title: '统计' }]}
        subtitle={`${unit.data?.name ?? org} · ${year} 年`}
        extra={
          <Space className="no-print">
            <Select
              aria-label="统计年度"
              value={year}
              onChange={setYear}
              style={{ width: 120 }}
              options={Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => ({
                value: y,
                label: `${y} 年`,
              }))}
            />
            <Button onClick={() => window.print()}>打印</Button>
          </Space>
        }
      />
      {stats.isError ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      {s ? (
        <>
          {/* Four across on a wide screen, two by two on a phone. */}
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title="在岗人数" value={s.headcount.active} data-testid="stat-headcount" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic title="核定编制" value={s.quota.quota ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title="持证上岗率"
                  value={s.certification.certifiedOnDutyRate ?? '—'}
                  suffix={s.certification.certifiedOnDutyRate == null ? '' : '%'}
                  precision={s.certification.certifiedOnDutyRate == null ? undefined : 2}
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card>
                <Statistic
                  title="较上年变化"
                  value={s.certification.changePoints ?? '无上年数据'}
                  suffix={s.certification.changePoints == null ? '' : '个百分点'}
                  precision={s.certification.changePoints == null ? undefined : 2}
                />
              </Card>
            </Col>
          </Row>
          {children.data && children.data.length > 0 ? (
            <Figure
              title="编制与在编（按下级单位）"
              testId="fig-quota"
              option={bar(
                children.data.map((c) => c.unit.name),
                [
                  { name: '核定编制', data: children.data.map((c) => c.stats.quota.quota ?? 0) },
                  { name: '在岗人数', data: children.data.map((c) => c.stats.headcount.active) },
                ],
              )}
              rows={children.data.map((c) => ({
                unit: c.unit.name,
                quota: c.stats.quota.quota ?? '—',
                active: c.stats.headcount.active,
              }))}
              columns={[
                { title: '单位', dataIndex: 'unit' },
                { title: '核定编制', dataIndex: 'quota' },
                { title: '在岗人数', dataIndex: 'active' },
              ]}
            />
          ) : null}
          {figures.map((f) => (
            <Figure key={f.testId} {...f} />
          ))}
        </>
      ) : (
        <Typography.Text type="secondary">加载中…</Typography.Text>
      )}
    </>
  );
}

function buildFigures(s: Stats) {
  const hires = [
    { name: label('channel', 'open-recruitment'), value: s.hires.openRecruitment },
    { name: label('channel', 'transfer'), value: s.hires.transfer },
    { name: label('channel', 'helper-appointment'), value: s.hires.helperAppointment },
  ];
  const exits = Object.entries(s.exits.bySituation).map(([k, v]) => ({
    name: EXIT_SITUATION_SHORT_NAMES[k] ?? k,
    value: v,
  }));
  const levels = Object.entries(s.training.events).map(([k, v]) => ({
    name: label('trainingLevel', k),
    value: v,
  }));
  const posts = ['principal', 'deputy', 'staff'] as const;
  const grades = Array.from({ length: 18 }, (_, i) => String(i + 1));
  const byPost = s.careers.workersByPostAndGrade;
  const annual = s.evaluation.annual;
  const orders = s.evaluation.workOrders;
  const evaluation = Object.entries(s.evaluation.gradeDistribution).map(([k, v]) => ({
    name: label('evaluationGrade', k),
    value: v,
  }));
  const promotions = (['party', 'residents'] as const).flatMap((c) =>
    (['member', 'deputy', 'head'] as const).map((r) => ({
      name: committeeRoleTitle(c, r),
      value: s.careers.promotions[c][r],
    })),
  );
  const honours = Object.entries(s.careers.honours.byType).map(([k, v]) => ({
    name: label('honourType', k),
    ...v,
  }));
  const simple = (items: { name: string; value: number }[], unit: string) => ({
    rows: items.map((i) => ({ name: i.name, value: i.value })),
    columns: [
      { title: '项目', dataIndex: 'name' },
      { title: unit, dataIndex: 'value' },
    ],
  });
  return [
    {
      title: `录用（按渠道，合计 ${s.hires.total} 人）`,
      testId: 'fig-hires',
      option: bar(
        hires.map((h) => h.name),
        [{ name: '人数', data: hires.map((h) => h.value) }],
      ),
      ...simple(hires, '人数'),
    },
    {
      title: `离职（按退出情形，合计 ${s.exits.total} 人）`,
      testId: 'fig-exits',
      option: bar(
        exits.map((e) => e.name),
        [{ name: '人数', data: exits.map((e) => e.value) }],
      ),
      ...simple(exits, '人数'),
    },
    {
      title: `培训（场次按级别；参训 ${s.training.personTimes} 人次，${s.training.hours} 学时）`,
      testId: 'fig-training',
      option: bar(
        levels.map((l) => l.name),
        [{ name: '场次', data: levels.map((l) => l.value) }],
      ),
      rows: [
        ...levels.map((l) => ({ name: l.name, value: l.value })),
        { name: '合计场次', value: s.training.totalEvents },
        { name: '参训人次', value: s.training.personTimes },
      ],
      columns: [
        { title: '项目', dataIndex: 'name' },
        { title: '数量', dataIndex: 'value' },
      ],
    },
    {
      title: '导师带教',
      testId: 'fig-mentoring',
      option: bar(
        ['导师', '学员', '带教次数'],
        [{ name: '数量', data: [s.mentoring.mentors, s.mentoring.mentees, s.mentoring.sessions] }],
      ),
      ...simple(
        [
          { name: '导师', value: s.mentoring.mentors },
          { name: '学员', value: s.mentoring.mentees },
          { name: '带教次数', value: s.mentoring.sessions },
          { name: '带教时长（分钟）', value: s.mentoring.sessionMinutes },
        ],
        '数量',
      ),
    },
    {
      title: '岗位与等级（在岗人数）',
      testId: 'fig-grades',
      option: bar(
        grades.map((g) => `${g}级`),
        posts.map((p) => ({ name: label('post', p), data: grades.map((g) => byPost[p]?.byGrade[g] ?? 0) })),
        true,
      ),
      rows: posts.map((p) => ({
        name: label('post', p),
        value: byPost[p]?.total ?? 0,
        grades:
          Object.entries(byPost[p]?.byGrade ?? {})
            .map(([g, n]) => `${g}级 ${n}`)
            .join('，') || '—',
      })),
      columns: [
        { title: '岗位', dataIndex: 'name' },
        { title: '人数', dataIndex: 'value' },
        { title: '各等级', dataIndex: 'grades' },
      ],
    },
    {
      title: annual
        ? `考核等次（${annual.period} 年度考核，${annual.workersEvaluated} 人${
            annual.averageScore == null ? '' : `，平均 ${annual.averageScore.toFixed(2)} 分`
          }）`
        : '考核等次（年度考核）',
      testId: 'fig-evaluation',
      option: pie(evaluation),
      ...simple(evaluation, '人数'),
    },
    {
      // The work orders the evaluation read: the annual run's, else the months evaluated so far.
      // No run has read any yet: no source to name, no rate to show.
      title:
        orders.source === null
          ? '工单办理'
          : `工单办理（${
              orders.source === 'months' ? `已考核的 ${orders.periods.length} 个月` : '年度考核'
            }，办结率 ${percent(orders.completionRate)}，满意率 ${percent(orders.satisfactionRate)}）`,
      testId: 'fig-work-orders',
      option: pie([
        { name: '满意', value: orders.satisfied },
        { name: '办结未满意', value: orders.completed - orders.satisfied },
        { name: '未办结', value: orders.assigned - orders.completed },
      ]),
      rows: [
        { name: '派单', value: orders.assigned, rate: '—' },
        { name: '办结', value: orders.completed, rate: percent(orders.completionRate) },
        { name: '满意', value: orders.satisfied, rate: percent(orders.satisfactionRate) },
      ],
      columns: [
        { title: '项目', dataIndex: 'name' },
        { title: '件数', dataIndex: 'value' },
        { title: '比率', dataIndex: 'rate' },
      ],
    },
    {
      title: `晋升（合计 ${s.careers.promotions.total} 人）`,
      testId: 'fig-promotions',
      option: bar(
        promotions.map((p) => p.name),
        [{ name: '人数', data: promotions.map((p) => p.value) }],
      ),
      ...simple(promotions, '人数'),
    },
    {
      title: `评优表彰（提名 ${s.careers.honours.nominations}，当选 ${s.careers.honours.awards}）`,
      testId: 'fig-honours',
      option: bar(
        honours.map((h) => h.name),
        [
          { name: '提名', data: honours.map((h) => h.nominations) },
          { name: '当选', data: honours.map((h) => h.awards) },
        ],
      ),
      rows: honours.map((h) => ({ name: h.name, nominations: h.nominations, awards: h.awards })),
      columns: [
        { title: '表彰', dataIndex: 'name' },
        { title: '提名', dataIndex: 'nominations' },
        { title: '当选', dataIndex: 'awards' },
      ],
    },
  ];
}

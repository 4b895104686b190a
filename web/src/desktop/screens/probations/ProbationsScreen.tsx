import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { chineseDate } from '../../../lib/dates.ts';
import { DateText } from '../../components/cells.tsx';
import { DaysLeft, EndingList } from '../../components/EndingList.tsx';
import { UnitFilter } from '../../components/UnitFilter.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  ProbationDecisionDialog,
  type ProbationToDecide,
  probationOutcome,
} from './ProbationDecisionDialog.tsx';

type Ending = components['schemas']['ProbationsEnding']['items'][number];

/** Days to the probation's last day; the last fortnight in amber. */
const ProbationDaysLeft = ({ days }: { days: number | null }) => (
  <DaysLeft days={days} overdue={(n) => `已期满 ${n} 天未办理`} dueToday="今天期满" warnWithin={14} />
);

/** 试用期: undecided probations ending soon (overdue ones first), with 转正 / 延长 / 不合格. */
export default function ProbationsScreen() {
  const root = useSession()?.org ?? '';
  const [org, setOrg] = useState(root);
  const [withinDays, setWithinDays] = useState(30);
  const [deciding, setDeciding] = useState<ProbationToDecide | null>(null);
  const client = useQueryClient();
  const { message } = App.useApp();
  const ending = useQuery({
    queryKey: ['probations', org, withinDays],
    queryFn: () => data(api.GET('/v1/probations', { params: { query: { org, withinDays } } })),
  });
  return (
    <>
      <PageHeader
        title="试用期"
        crumbs={[{ title: '试用期' }]}
        subtitle="试用期届满前后办理考核：合格转正、延长试用期，或不合格办理离职"
        extra={<UnitFilter value={org} onChange={setOrg} width={260} />}
      />
      <Card>
        <EndingList<Ending>
          rangeLabel="期满范围"
          range={withinDays}
          onRange={(range) => setWithinDays(range === 'policy' ? 30 : range)}
          caption={ending.data ? `截至 ${chineseDate(ending.data.until)}（含已期满未办理）` : null}
          query={ending}
          emptyText="该范围内没有待办理的试用期"
          columns={[
            {
              title: '试用期满',
              key: 'endsOn',
              render: (_, r) => <DateText value={r.probation.endsOn} />,
            },
            {
              title: '已延长',
              key: 'extended',
              render: (_, r) => (r.probation.extendedMonths > 0 ? `${r.probation.extendedMonths} 个月` : '—'),
            },
            {
              title: '剩余',
              key: 'days',
              render: (_, r) => <ProbationDaysLeft days={r.probation.daysLeft} />,
            },
            {
              title: '操作',
              key: 'decide',
              render: (_, r) => (
                <Typography.Link
                  onClick={() =>
                    setDeciding({
                      id: r.workerId,
                      name: r.name,
                      endsOn: r.probation.endsOn ?? '',
                      extendedMonths: r.probation.extendedMonths,
                      daysLeft: r.probation.daysLeft,
                    })
                  }
                >
                  试用期考核
                </Typography.Link>
              ),
            },
          ]}
        />
      </Card>
      {deciding ? (
        <ProbationDecisionDialog
          worker={deciding}
          onClose={() => setDeciding(null)}
          onDone={(w) => {
            setDeciding(null);
            message.success(probationOutcome(w));
            for (const key of ['probations', 'worker', 'workers', 'org-unit', 'audit'])
              void client.invalidateQueries({ queryKey: [key] });
          }}
        />
      ) : null}
    </>
  );
}

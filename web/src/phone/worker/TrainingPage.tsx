import { useQuery } from '@tanstack/react-query';
import { Empty, List, ProgressBar } from 'antd-mobile';
import { api, data } from '../../api/client.ts';
import { beijingToday, chineseDate } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';

/** Monday of the ISO week containing `iso` (a Beijing date), as YYYY-MM-DD. */
export function weekStart(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day);
  return d.toISOString().slice(0, 10);
}

const hours = (h: number) => `${Number(h.toFixed(1))} 小时`;

/** 学时: this week's study against the weekly minimum, the year against the annual requirement. */
export default function TrainingPage() {
  const today = beijingToday();
  const year = Number(today.slice(0, 4));
  const training = useQuery({
    queryKey: ['me', 'training', year],
    queryFn: () => data(api.GET('/v1/me/training', { params: { query: { year } } })),
  });
  return (
    <QueryView query={training}>
      {(t) => {
        const monday = weekStart(today);
        const thisWeek = t.records
          .filter((r) => r.date >= monday && r.date <= today)
          .reduce((s, r) => s + r.hours, 0);
        const weekPercent = Math.min(100, (thisWeek / t.weeklyStudyMinHours) * 100);
        return (
          <>
            <List header="本周学习（每周半日学）">
              <List.Item description={<ProgressBar percent={weekPercent} aria-label="本周学时进度" />}>
                {hours(thisWeek)} / {hours(t.weeklyStudyMinHours)}
              </List.Item>
            </List>
            <List header={`${t.year} 年度学时`}>
              <List.Item
                description={
                  <ProgressBar percent={Math.min(100, t.progressPercent)} aria-label="年度学时进度" />
                }
              >
                {hours(t.totalHours)} / {hours(t.annualRequiredHours)}
                {t.requirementMet ? '（已达标）' : `（还差 ${hours(t.remainingHours)}）`}
              </List.Item>
              <List.Item extra={`${t.compliantWeeks} / ${t.weeksInYearSoFar} 周`}>达标周数</List.Item>
            </List>
            <List header="参加的培训">
              {t.records.length === 0 ? <Empty description="今年暂无培训记录" /> : null}
              {t.records.map((r) => (
                <List.Item
                  key={`${r.eventId}-${r.date}`}
                  description={`${chineseDate(r.date)} · ${label('trainingLevel', r.level)}`}
                  extra={hours(r.hours)}
                >
                  {r.title}
                </List.Item>
              ))}
            </List>
          </>
        );
      }}
    </QueryView>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Empty, List } from 'antd-mobile';
import { api, data } from '../../api/client.ts';
import { chineseDate } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';
import { useMentees } from './MenteesPage.tsx';

/** The sessions I logged as a mentor. */
export default function SessionsGivenPage() {
  const mentees = useMentees('all');
  const sessions = useQuery({
    queryKey: ['mentor', 'given'],
    queryFn: () => data(api.GET('/v1/me/coaching-sessions', {})),
  });
  return (
    <QueryView query={sessions}>
      {(s) => {
        const names = new Map(
          (mentees.data?.items ?? []).map((i) => [i.mentee.id, i.mentee.name ?? i.mentee.id]),
        );
        return s.given.items.length === 0 ? (
          <Empty description="还没有记录过带教" />
        ) : (
          <List header={`共 ${s.given.count} 次，${Math.round(s.given.minutes / 6) / 10} 小时`}>
            {s.given.items.map((item) => (
              <List.Item key={item.id} description={item.notes || undefined} extra={`${item.minutes} 分钟`}>
                {chineseDate(item.date)} · {label('sessionMode', item.mode)} ·{' '}
                {names.get(item.menteeId) ?? item.menteeId}
              </List.Item>
            ))}
          </List>
        );
      }}
    </QueryView>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Empty, List } from 'antd-mobile';
import { api, data } from '../../api/client.ts';
import { chineseDate } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';

/** 带教记录: the coaching sessions I received from my mentors. */
export default function CoachingReceivedPage() {
  const sessions = useQuery({
    queryKey: ['me', 'coaching'],
    queryFn: () => data(api.GET('/v1/me/coaching-sessions', {})),
  });
  return (
    <QueryView query={sessions}>
      {(s) =>
        s.items.length === 0 ? (
          <Empty description="暂无带教记录" />
        ) : (
          <List header={`共 ${s.count} 次，${Math.round(s.minutes / 6) / 10} 小时`}>
            {s.items.map((item) => (
              <List.Item key={item.id} description={item.notes || undefined} extra={`${item.minutes} 分钟`}>
                {chineseDate(item.date)} · {label('sessionMode', item.mode)}
              </List.Item>
            ))}
          </List>
        )
      }
    </QueryView>
  );
}

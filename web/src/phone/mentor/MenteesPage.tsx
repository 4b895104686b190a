import { useQuery } from '@tanstack/react-query';
import { Button, Empty, List, Tag } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, data } from '../../api/client.ts';
import { useSession } from '../../auth/auth.tsx';
import { chineseDate } from '../../lib/dates.ts';
import { label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';

export function useMentees(include: 'active' | 'all') {
  const id = useSession()?.workerId ?? '';
  return useQuery({
    queryKey: ['mentor', 'mentees', include],
    queryFn: () =>
      data(api.GET('/v1/mentors/{id}/mentees', { params: { path: { id }, query: { include } } })),
  });
}

/** 我的学员: current mentees, the pairing period and the last session. */
export default function MenteesPage() {
  const mentees = useMentees('active');
  const navigate = useNavigate();
  return (
    <QueryView query={mentees}>
      {(m) =>
        m.items.length === 0 ? (
          <Empty description="目前没有带教中的学员" />
        ) : (
          <List header={`带教中 ${m.mentor.activeMentees} 人（上限 ${m.mentor.cap} 人）`}>
            {m.items.map(({ mentee, mentorship, sessions }) => {
              const last = sessions.latest[0];
              return (
                <List.Item
                  key={mentorship.id}
                  description={
                    <>
                      <div>
                        结对期：{chineseDate(mentorship.startDate)} 至 {chineseDate(mentorship.endDate)}
                      </div>
                      <div>
                        最近带教：
                        {last ? `${chineseDate(last.date)}（${label('sessionMode', last.mode)}）` : '暂无'} ·
                        共 {sessions.count} 次
                      </div>
                    </>
                  }
                  extra={
                    <Button
                      size="small"
                      color="primary"
                      fill="outline"
                      onClick={() => navigate(`/mentor/log?mentee=${encodeURIComponent(mentee.id)}`)}
                    >
                      记录
                    </Button>
                  }
                >
                  {mentee.name ?? mentee.id}{' '}
                  <Tag color={mentorship.status === 'active' ? 'primary' : 'default'}>
                    {label('mentorshipStatus', mentorship.status)}
                  </Tag>
                </List.Item>
              );
            })}
          </List>
        )
      }
    </QueryView>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, List } from 'antd-mobile';
import { useNavigate } from 'react-router';
import { api, data } from '../../api/client.ts';
import { signOut } from '../../auth/store.ts';
import { chineseDate } from '../../lib/dates.ts';
import { gradeLabel, label } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';

/** 我的: who I am, where, post and grade, when the next grade step is considered, my contract. */
export default function MePage() {
  const navigate = useNavigate();
  const me = useQuery({ queryKey: ['me'], queryFn: () => data(api.GET('/v1/me')) });
  return (
    <QueryView query={me}>
      {(w) => (
        <>
          <List header="基本信息">
            <List.Item extra={w.name}>姓名</List.Item>
            <List.Item extra={w.org}>所属单位</List.Item>
            <List.Item extra={label('post', w.post)}>岗位</List.Item>
            <List.Item extra={gradeLabel(w.grade)}>等级</List.Item>
          </List>
          <List header="聘用">
            <List.Item extra={chineseDate(w.hiredOn)}>入职日期</List.Item>
            <List.Item extra={chineseDate(w.probationEndsOn)}>试用期至</List.Item>
            <List.Item extra={chineseDate(w.contractEndsOn)}>合同期至</List.Item>
          </List>
          <List header="更多">
            <List.Item onClick={() => navigate('/me/certificates')}>证书</List.Item>
            <List.Item onClick={() => navigate('/me/coaching')}>带教记录</List.Item>
          </List>
          <div className="phone-section">
            <Button block onClick={() => void signOut()}>
              退出登录
            </Button>
          </div>
        </>
      )}
    </QueryView>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { gradeLabel, label } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { AuditTrail } from '../../components/AuditTrail.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { workerQuery } from '../../components/workers.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AccountTab } from './AccountTab.tsx';
import { ExitDialog } from './ExitDialog.tsx';
import { MoveDialog } from './MoveDialog.tsx';
import { ProbationDecisionDialog, probationOutcome } from '../probations/ProbationDecisionDialog.tsx';
import {
  CertificatesTab,
  EvaluationsTab,
  GradeTab,
  HistoryTab,
  HonoursTab,
  MentoringTab,
  ProfileTab,
  PromotionsTab,
  TrainingTab,
} from './tabs.tsx';

/** One worker: everything about them in tabs, and the exit (previewed before it is confirmed). */
export function WorkerPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [exiting, setExiting] = useState(false);
  const [moving, setMoving] = useState(false);
  const [deciding, setDeciding] = useState(false);
  const worker = useQuery(workerQuery(id));
  const crumbs = [{ title: '人员', to: '/hr/workers' }, { title: worker.data?.name ?? '人员详情' }];
  if (worker.isPending)
    return (
      <>
        <PageHeader title="人员详情" crumbs={crumbs} />
        <Skeleton active />
      </>
    );
  if (worker.isError)
    return (
      <>
        <PageHeader title="人员详情" crumbs={crumbs} />
        <ErrorAlert error={worker.error} onRetry={() => void worker.refetch()} />
      </>
    );
  const w = worker.data;
  return (
    <>
      <PageHeader
        title={
          <>
            {w.name}{' '}
            <Tag color={w.status === 'active' ? 'success' : 'default'}>{label('workerStatus', w.status)}</Tag>
          </>
        }
        crumbs={crumbs}
        subtitle={
          <>
            <OrgName id={w.org} /> · {label('post', w.post)} · {gradeLabel(w.grade)}
          </>
        }
        extra={
          w.status === 'active' ? (
            <Space wrap>
              {w.probation.status === 'serving' && w.probation.endsOn ? (
                <Button onClick={() => setDeciding(true)}>试用期考核</Button>
              ) : null}
              <Button onClick={() => setMoving(true)}>调动</Button>
              <Button danger onClick={() => setExiting(true)}>
                办理离职
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        <Tabs
          items={[
            { key: 'profile', label: '基本信息', children: <ProfileTab worker={w} /> },
            { key: 'grade', label: '岗位与等级', children: <GradeTab workerId={w.id} /> },
            { key: 'history', label: '任职经历', children: <HistoryTab workerId={w.id} /> },
            { key: 'certificates', label: '职业资格证书', children: <CertificatesTab workerId={w.id} /> },
            { key: 'training', label: '培训学时', children: <TrainingTab workerId={w.id} /> },
            { key: 'mentoring', label: '导师带教', children: <MentoringTab worker={w} /> },
            { key: 'evaluations', label: '考核', children: <EvaluationsTab workerId={w.id} /> },
            { key: 'promotions', label: '晋升', children: <PromotionsTab workerId={w.id} /> },
            { key: 'honours', label: '评优表彰', children: <HonoursTab workerId={w.id} /> },
            { key: 'account', label: '登录账号', children: <AccountTab worker={w} /> },
            { key: 'audit', label: '变更记录', children: <AuditTrail entity={`worker:${w.id}`} /> },
          ]}
        />
      </Card>
      {moving ? (
        <MoveDialog
          worker={w}
          onClose={() => setMoving(false)}
          onDone={(moved) => {
            setMoving(false);
            message.success(`已将 ${moved.name} 调动到新单位`);
            for (const key of ['worker', 'workers', 'org-unit', 'audit', 'worker-account'])
              void client.invalidateQueries({ queryKey: [key] });
          }}
        />
      ) : null}
      {deciding && w.probation.endsOn ? (
        <ProbationDecisionDialog
          worker={{
            id: w.id,
            name: w.name,
            endsOn: w.probation.endsOn,
            extendedMonths: w.probation.extendedMonths,
            daysLeft: w.probation.daysLeft,
          }}
          onClose={() => setDeciding(false)}
          onDone={(updated) => {
            setDeciding(false);
            message.success(probationOutcome(updated));
            for (const key of ['worker', 'workers', 'probations', 'org-unit', 'audit'])
              void client.invalidateQueries({ queryKey: [key] });
          }}
        />
      ) : null}
      {exiting ? (
        <ExitDialog
          worker={w}
          onClose={() => setExiting(false)}
          onDone={() => {
            setExiting(false);
            message.success('已办理离职');
            void client.invalidateQueries({ queryKey: ['worker', id] });
            void client.invalidateQueries({ queryKey: ['workers'] });
            void client.invalidateQueries({ queryKey: ['org-unit'] });
            void client.invalidateQueries({ queryKey: ['audit'] });
          }}
        />
      ) : null}
    </>
  );
}

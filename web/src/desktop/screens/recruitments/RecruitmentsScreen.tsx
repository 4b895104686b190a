import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { DateText } from '../../components/cells.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import RecruitmentDetail from './RecruitmentDetail.tsx';
import { STAGE_LABELS } from './labels.ts';

export type Recruitment = components['schemas']['Recruitment'];

/** 招聘: the recruitments of the caller's subtree, and one recruitment's pipeline (`:id`). */
export default function RecruitmentsScreen() {
  return (
    <Routes>
      <Route index element={<RecruitmentList />} />
      <Route path=":id" element={<RecruitmentDetail />} />
    </Routes>
  );
}

function RecruitmentList() {
  const org = useSession()?.org ?? '';
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: ['recruitments', org],
    queryFn: () => data(api.GET('/v1/recruitments', { params: { query: { org, limit: 100 } } })),
  });
  return (
    <>
      <PageHeader
        title="招聘"
        crumbs={[{ title: '招聘' }]}
        subtitle="报名 → 资格审查 → 笔试 → 面试 → 联审 → 公示 → 录用"
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建招聘
          </Button>
        }
      />
      <Card>
        {list.isError ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Recruitment>
            rowKey="id"
            loading={list.isPending}
            dataSource={(list.data?.items ?? []) as Recruitment[]}
            pagination={false}
            locale={{ emptyText: '暂无招聘，点击“新建招聘”开始' }}
            columns={[
              {
                title: '招聘名称',
                dataIndex: 'title',
                render: (t: string, r) => <Link to={`/hr/recruitments/${r.id}`}>{t}</Link>,
              },
              { title: '招聘单位', dataIndex: 'org', render: (o: string) => <OrgName id={o} /> },
              { title: '招聘名额', dataIndex: 'places' },
              {
                title: '当前阶段',
                dataIndex: 'stage',
                render: (s: string) => (
                  <StatusTag tone={s === 'closed' ? 'default' : 'processing'}>
                    {STAGE_LABELS[s] ?? s}
                  </StatusTag>
                ),
              },
              { title: '报名', dataIndex: 'candidateCount' },
              { title: '资格审查通过', dataIndex: 'eligibleCount' },
              { title: '已录用', dataIndex: 'hiredCount' },
              { title: '开始日期', dataIndex: 'openedOn', render: (v: string) => <DateText value={v} /> },
            ]}
          />
        )}
      </Card>
      <CreateRecruitment open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function CreateRecruitment({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { title: string; org: string; places: number }) =>
      data(api.POST('/v1/recruitments', { body: body as never })),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['recruitments'] });
      onClose();
      navigate(`/hr/recruitments/${r.id}`);
    },
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  return (
    <Modal
      title="新建招聘"
      open={open}
      onCancel={onClose}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => whenValid(form, (v) => create.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="title" label="招聘名称" rules={[{ required: true, message: '请填写招聘名称' }]}>
          <Input placeholder="如：2026年红旗社区社区工作者招聘" />
        </Form.Item>
        <Form.Item name="org" label="招聘单位" rules={[{ required: true, message: '请选择招聘单位' }]}>
          <OrgUnitTreeSelect aria-label="招聘单位" />
        </Form.Item>
        <Form.Item name="places" label="招聘名额" rules={[{ required: true, message: '请填写招聘名额' }]}>
          <InputNumber min={1} max={1000} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {problem ? <Alert type="error" showIcon message={problem} /> : null}
      <Typography.Text type="secondary">
        招聘开始后使用当日有效的招聘政策（年龄、学历、笔试面试权重、联审部门、公示天数）。
      </Typography.Text>
    </Modal>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../../auth/auth.tsx';
import { gradeLabel, label } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { DateText } from '../../components/cells.tsx';
import { OrgName } from '../../components/OrgName.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { searchWorkers, type Worker } from '../../components/workers.ts';
import { CursorPager, useCursorPages } from '../../components/CursorPager.tsx';

interface Filters {
  q?: string;
  org?: string;
  status?: 'active' | 'exited';
  post?: 'principal' | 'deputy' | 'staff';
}

/**
 * 人员: workers of a subtree, found by name / 身份证号, org unit, status and post; pages follow the
 * API's cursor (a stack of cursors for 上一页). Filters live in the URL so the list survives a reload
 * and the back button from a worker's page.
 */
export function WorkerList() {
  const session = useSession()!;
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    q: params.get('q') ?? undefined,
    org: params.get('org') ?? session.org,
    status: (params.get('status') as Filters['status']) ?? 'active',
    post: (params.get('post') as Filters['post']) ?? undefined,
  };
  const pages = useCursorPages();
  const cursor = pages.cursor;
  const [form] = Form.useForm<Filters>();
  const page = useQuery({
    queryKey: ['workers', 'list', filters, cursor],
    queryFn: () =>
      searchWorkers({
        org: filters.org!,
        status: filters.status!,
        ...(filters.q ? { q: filters.q } : {}),
        ...(cursor ? { cursor } : {}),
        limit: 20,
      }),
  });
  const rows = (page.data?.items ?? []).filter((w) => !filters.post || w.post === filters.post);

  const apply = (values: Filters) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) if (v) next.set(k, String(v));
    setParams(next);
    pages.reset();
  };

  return (
    <>
      <PageHeader
        title="人员"
        crumbs={[{ title: '人员' }]}
        subtitle="按姓名、身份证号、所在单位、状态和岗位查找社区工作者"
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters> form={form} layout="inline" initialValues={filters} onFinish={apply}>
          <Form.Item name="q" label="姓名或身份证号">
            <Input allowClear placeholder="姓名开头或完整身份证号" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="org" label="所在单位">
            <OrgUnitTreeSelect aria-label="所在单位" style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="status" label="状态">
            <Select
              aria-label="状态"
              style={{ width: 100 }}
              options={(['active', 'exited'] as const).map((v) => ({
                value: v,
                label: label('workerStatus', v),
              }))}
            />
          </Form.Item>
          <Form.Item name="post" label="岗位">
            <Select
              aria-label="岗位"
              allowClear
              placeholder="全部"
              style={{ width: 130 }}
              options={(['principal', 'deputy', 'staff'] as const).map((p) => ({
                value: p,
                label: label('post', p),
              }))}
            />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ q: undefined, org: session.org, status: 'active', post: undefined });
                  apply({ org: session.org, status: 'active' });
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {page.isError ? <ErrorAlert error={page.error} onRetry={() => void page.refetch()} /> : null}
      <Table<Worker>
        rowKey="id"
        loading={page.isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '没有符合条件的人员' }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (name: string, w) => <Link to={`/hr/workers/${w.id}`}>{name}</Link>,
          },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '所在单位', dataIndex: 'org', render: (org: string) => <OrgName id={org} /> },
          { title: '岗位', dataIndex: 'post', render: (p: string) => label('post', p) },
          { title: '等级', dataIndex: 'grade', render: (g: number) => gradeLabel(g) },
          { title: '入职日期', dataIndex: 'hiredOn', render: (d: string) => <DateText value={d} /> },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={s === 'active' ? 'success' : 'default'}>{label('workerStatus', s)}</Tag>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 16 }}>
        <CursorPager pages={pages} nextCursor={page.data?.cursor} />
      </div>
    </>
  );
}

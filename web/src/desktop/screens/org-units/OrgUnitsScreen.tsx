import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Progress, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../../auth/auth.tsx';
import { label } from '../../../lib/labels.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { childrenQuery, type OrgUnit, orgUnitQuery } from '../../components/orgUnits.ts';
import { OrgUnitForm, type OrgUnitFormMode } from './OrgUnitForm.tsx';

/** A row of the tree table: children undefined until loaded (antd shows the expander for `[]`). */
interface Row extends OrgUnit {
  children?: Row[];
}

const childLevel: Record<string, OrgUnit['level'] | undefined> = {
  city: 'district',
  district: 'street',
  street: 'community',
  community: 'grid',
};

function QuotaBar({ unit }: { unit: OrgUnit }) {
  if (!unit.holdsQuota || unit.quota == null) {
    return <Typography.Text type="secondary">不单独核定（计入上级）</Typography.Text>;
  }
  const over = unit.overQuotaBy > 0;
  const full = !over && (unit.available ?? 0) <= 0;
  const percent = unit.quota > 0 ? Math.min(100, Math.round((unit.used / unit.quota) * 100)) : 100;
  return (
    <Space size={8} wrap={false} style={{ width: '100%' }}>
      <Progress
        percent={percent}
        size={[120, 12]}
        status={over || full ? 'exception' : 'normal'}
        showInfo={false}
        aria-label={`已用 ${unit.used} / ${unit.quota}`}
      />
      <Typography.Text type={over ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {unit.used}/{unit.quota}
      </Typography.Text>
      {over ? (
        <Tag color="error" data-testid={`over-quota-${unit.id}`}>
          超编 {unit.overQuotaBy} 人
        </Tag>
      ) : full ? (
        <Tag color="warning">已满编</Tag>
      ) : null}
    </Space>
  );
}

/** 组织与编制: the caller's subtree as a tree table with quota, used and available; create and edit units. */
export default function OrgUnitsScreen() {
  const org = useSession()?.org ?? '';
  const client = useQueryClient();
  const { message } = App.useApp();
  const root = useQuery(orgUnitQuery(org));
  const [loaded, setLoaded] = useState<Record<string, Row[]>>({});
  const [form, setForm] = useState<OrgUnitFormMode | null>(null);
  const [expanded, setExpanded] = useState<readonly React.Key[]>([org]);

  const loadChildren = useCallback(
    async (id: string) => {
      const children = await client.fetchQuery({ ...childrenQuery(id), staleTime: 0 });
      setLoaded((prev) => ({ ...prev, [id]: children }));
    },
    [client],
  );
  // The caller's own unit opens with its children shown.
  useEffect(() => {
    void loadChildren(org);
  }, [org, loadChildren]);
  const withChildren = (unit: OrgUnit): Row => {
    const kids = loaded[unit.id];
    if (unit.level === 'grid') return unit;
    return { ...unit, children: kids ? kids.map(withChildren) : [] };
  };

  if (root.isPending) return <PageHeader title="组织与编制" crumbs={[{ title: '组织与编制' }]} />;
  if (root.isError) return <ErrorAlert error={root.error} onRetry={() => void root.refetch()} />;

  const refreshAfterSave = async (saved: OrgUnit) => {
    message.success('已保存');
    setForm(null);
    await client.invalidateQueries({ queryKey: ['org-unit'] });
    await root.refetch();
    if (saved.parentId && (saved.parentId in loaded || saved.parentId === org))
      await loadChildren(saved.parentId);
  };

  return (
    <>
      <PageHeader
        title="组织与编制"
        crumbs={[{ title: '组织与编制' }]}
        subtitle="市 → 区 → 街道 → 社区 → 网格；超编单位以红色标出"
      />
      <Table<Row>
        rowKey="id"
        size="middle"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[withChildren(root.data)]}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys),
          onExpand: (open, row) => {
            if (open && !loaded[row.id]) void loadChildren(row.id);
          },
        }}
        rowClassName={(row) => (row.overQuotaBy > 0 ? 'row-over-quota' : '')}
        columns={[
          {
            title: '单位名称',
            dataIndex: 'name',
            render: (name: string, row) => <span title={row.id}>{name}</span>,
          },
          { title: '层级', dataIndex: 'level', width: 70, render: (v: string) => label('orgLevel', v) },
          {
            title: '城镇常住人口',
            dataIndex: 'urbanPopulation',
            width: 120,
            align: 'right',
            render: (v: number | null) => (v == null ? '—' : v.toLocaleString('zh-CN')),
          },
          {
            title: '核定编制',
            dataIndex: 'quota',
            width: 90,
            align: 'right',
            render: (v: number | null, row) => (row.holdsQuota && v != null ? v : '—'),
          },
          { title: '在编', dataIndex: 'used', width: 70, align: 'right' },
          {
            title: '空余',
            dataIndex: 'available',
            width: 70,
            align: 'right',
            render: (v: number | null, row) => (row.holdsQuota && v != null ? Math.max(0, v) : '—'),
          },
          { title: '使用情况', key: 'bar', width: 300, render: (_, row) => <QuotaBar unit={row} /> },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, row) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setForm({ kind: 'edit', unit: row })}>
                  编辑
                </Button>
                {childLevel[row.level] ? (
                  <Button
                    type="link"
                    size="small"
                    onClick={() => setForm({ kind: 'create', parent: row, level: childLevel[row.level]! })}
                  >
                    新增下级
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {form ? <OrgUnitForm mode={form} onClose={() => setForm(null)} onSaved={refreshAfterSave} /> : null}
    </>
  );
}

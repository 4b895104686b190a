import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { OrgName } from '../../components/OrgName.tsx';
import { AuditTrail } from '../../components/AuditTrail.tsx';
import { useWorkerName } from '../../components/workers.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';

const ENTITY_TYPES = [
  { value: 'worker', label: '人员' },
  { value: 'org-unit', label: '组织单位' },
  { value: 'recruitment', label: '招聘' },
  { value: 'transfer', label: '调入批次' },
  { value: 'training-event', label: '培训' },
  { value: 'mentorship', label: '带教结对' },
  { value: 'honour-cycle', label: '评优表彰' },
  { value: 'evaluation-run', label: '考核计算' },
  { value: 'policy', label: '政策' },
];

interface Values {
  type: string;
  worker?: string;
  org?: string;
  id?: string;
}

/** `worker:w_1` → its type and id (the id may hold colons: none today, but split once). */
function parseEntity(entity: string | null): { type: string; id: string } | undefined {
  const at = entity?.indexOf(':') ?? -1;
  return entity && at > 0 ? { type: entity.slice(0, at), id: entity.slice(at + 1) } : undefined;
}

function formValuesOf(shown: { type: string; id: string } | undefined): Values {
  if (!shown) return { type: 'worker' };
  if (shown.type === 'worker') return { type: 'worker', worker: shown.id };
  if (shown.type === 'org-unit') return { type: 'org-unit', org: shown.id };
  return { type: shown.type, id: shown.id };
}

/** The shown entity in words: its type, and a worker's or unit's name (the id for the rest). */
function EntityTitle({ type, id, workerName }: { type: string; id: string; workerName: string | undefined }) {
  const typeName = ENTITY_TYPES.find((t) => t.value === type)?.label ?? type;
  return (
    <span data-testid="audit-entity">
      变更记录：{typeName}{' '}
      {type === 'org-unit' ? <OrgName id={id} /> : type === 'worker' ? (workerName ?? id) : id}
    </span>
  );
}

/** 审计: one entity's audit trail (who, when, before → after), the entity chosen by type and id. */
export default function AuditScreen() {
  const [params, setParams] = useSearchParams();
  const entity = params.get('entity');
  const shown = parseEntity(entity);
  const workerName = useWorkerName(shown?.type === 'worker' ? shown.id : undefined);
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? 'worker';
  const search = (v: Values) => {
    const id = v.type === 'worker' ? v.worker : v.type === 'org-unit' ? v.org : v.id?.trim();
    if (id) setParams({ entity: `${v.type}:${id}` });
  };
  return (
    <>
      <PageHeader
        title="审计"
        crumbs={[{ title: '审计' }]}
        subtitle="按对象查询变更记录：谁、何时、改了什么"
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="inline" initialValues={formValuesOf(shown)} onFinish={search}>
          <Form.Item name="type" label="对象类型">
            <Select aria-label="对象类型" options={ENTITY_TYPES} style={{ width: 140 }} />
          </Form.Item>
          {type === 'worker' ? (
            <Form.Item name="worker" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
              <WorkerPicker aria-label="人员" selectedLabel={workerName} />
            </Form.Item>
          ) : type === 'org-unit' ? (
            <Form.Item name="org" label="组织单位" rules={[{ required: true, message: '请选择组织单位' }]}>
              <OrgUnitTreeSelect aria-label="组织单位" />
            </Form.Item>
          ) : (
            <Form.Item name="id" label="编号" rules={[{ required: true, message: '请填写编号' }]}>
              <Input aria-label="编号" placeholder="如 r_0123…" style={{ width: 260 }} />
            </Form.Item>
          )}
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                查询
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {entity && shown ? (
        <Card title={<EntityTitle type={shown.type} id={shown.id} workerName={workerName} />}>
          <AuditTrail entity={entity} />
        </Card>
      ) : (
        <Typography.Text type="secondary">选择对象后查询其变更记录。</Typography.Text>
      )}
    </>
  );
}

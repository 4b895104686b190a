import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { useSession } from '../../../auth/auth.tsx';
import { label } from '../../../lib/labels.ts';
import { useFormSave } from '../../components/formErrors.ts';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Cycle = components['schemas']['HonourCycle'];
type HonourType = components['schemas']['CreateHonourCycle']['honourType'];

/** The form's choices, grouped as people say them (两代表一委员, 两优一先). */
const HONOUR_GROUPS: { label: string; types: HonourType[] }[] = [
  {
    label: '两代表一委员',
    types: ['party-congress-delegate', 'peoples-congress-deputy', 'cppcc-member'],
  },
  {
    label: '两优一先',
    types: ['outstanding-party-member', 'outstanding-party-worker', 'advanced-party-organisation'],
  },
];
const HONOUR_OPTIONS = HONOUR_GROUPS.map(({ label: group, types }) => ({
  label: group,
  options: types.map((value) => ({ value, label: label('honourType', value) })),
}));

interface CreateValues {
  honourType: HonourType;
  name: string;
  year: number;
  quotas: { org?: string; seats?: number }[];
}

/** 新建评优: the honour, its year and the seats per unit. */
export function CreateCycleDialog({
  year,
  onClose,
  onCreated,
}: {
  year: number;
  onClose: () => void;
  onCreated: (c: Cycle) => void;
}) {
  const root = useSession()?.org ?? '';
  const [form] = Form.useForm<CreateValues>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: CreateValues, key) =>
      data(
        api.POST('/v1/honour-cycles', {
          params: { header: { 'idempotency-key': key } },
          body: {
            honourType: v.honourType,
            name: v.name,
            year: v.year,
            quotas: v.quotas.map((q) => ({ org: q.org!, seats: q.seats! })),
          },
        }),
      ),
    onDone: async (c) => {
      message.success(`已发起 ${c.name}`);
      await client.invalidateQueries({ queryKey: ['honour-cycles'] });
      onCreated(c);
    },
    fields: ['honourType', 'name', 'year', 'quotas'],
  });
  return (
    <Modal
      open
      width={640}
      title="新建评优"
      okText="发起"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ year, quotas: [{ org: root, seats: 1 }] }}
      >
        <Form.Item name="honourType" label="荣誉" rules={[{ required: true, message: '请选择荣誉' }]}>
          <Select options={HONOUR_OPTIONS} />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
          <Input maxLength={200} placeholder="如：2026年优秀共产党员推荐" />
        </Form.Item>
        <Form.Item
          name="year"
          label="年度"
          extra="该年度及上一年度的年度考核不称职者不得推荐"
          rules={[{ required: true, message: '请填写年度' }]}
        >
          <InputNumber min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Typography.Text strong>名额（指标单列，按单位）</Typography.Text>
        <Form.List name="quotas">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'org']} rules={[{ required: true, message: '请选择单位' }]}>
                    <OrgUnitTreeSelect aria-label={`名额单位 ${i + 1}`} style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'seats']} rules={[{ required: true, message: '请填写名额' }]}>
                    <InputNumber aria-label={`名额 ${i + 1}`} min={1} max={10_000} addonAfter="名" />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      删除
                    </Button>
                  ) : null}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ seats: 1 })}>
                添加名额单位
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

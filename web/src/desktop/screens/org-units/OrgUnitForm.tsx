import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { ErrorDescription } from '../../../api/errors.ts';
import { label } from '../../../lib/labels.ts';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import type { OrgUnit } from '../../components/orgUnits.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

export type OrgUnitFormMode =
  | { kind: 'create'; parent: OrgUnit; level: OrgUnit['level'] }
  | { kind: 'edit'; unit: OrgUnit };

interface Values {
  code?: string;
  name: string;
  urbanPopulation?: number | null;
  approvedQuota?: number | null;
}

const FIELDS = ['code', 'name', 'urbanPopulation', 'approvedQuota'] as const;

/**
 * Creates a unit under a parent, or edits one. A quota below the unit's headcount is allowed only
 * after the officer confirms it (allowOverQuota): hires into the unit stop until it is back under.
 */
export function OrgUnitForm({
  mode,
  onClose,
  onSaved,
}: {
  mode: OrgUnitFormMode;
  onClose: () => void;
  onSaved: (unit: OrgUnit) => void | Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const editing = mode.kind === 'edit' ? mode.unit : null;

  const save = useMutation({
    mutationFn: async ({ values, allowOverQuota }: { values: Values; allowOverQuota: boolean }) => {
      const numbers = {
        urbanPopulation: values.urbanPopulation ?? null,
        approvedQuota: values.approvedQuota ?? null,
      };
      if (mode.kind === 'create') {
        return data(
          api.POST('/v1/org-units', {
            body: {
              id: `${mode.parent.id}/${values.code}`,
              name: values.name,
              level: mode.level,
              parentId: mode.parent.id,
              ...numbers,
            },
          }),
        );
      }
      return data(
        api.PATCH('/v1/org-units/{id}', {
          params: { path: { id: mode.unit.id } },
          body: {
            name: values.name,
            ...numbers,
            expectedVersion: mode.unit.version,
            ...(allowOverQuota ? { allowOverQuota: true } : {}),
          },
        }),
      );
    },
    onSuccess: (unit) => onSaved(unit),
    onError: (error) => {
      const rest = applyServerErrors(form, error, [...FIELDS, 'id']);
      // A field error on the id belongs to the code box.
      const details = (error as { details?: unknown }).details;
      if (Array.isArray(details) && details.some((d: { path?: string }) => d?.path === 'id'))
        form.setFields([{ name: 'code', errors: ['编码只能由小写字母、数字和连字符组成'] }]);
      setProblem(rest);
    },
  });

  const submit = (values: Values) => {
    setProblem(null);
    const cut =
      editing && values.approvedQuota != null && values.approvedQuota < editing.used
        ? editing.used - values.approvedQuota
        : 0;
    if (cut > 0) {
      modal.confirm({
        title: '核定编制将低于在编人数',
        content: `${editing!.name}现有在编 ${editing!.used} 人，核定编制改为 ${values.approvedQuota} 后将超编 ${cut} 人；超编期间该单位不能再录用或调入人员。确定修改吗？`,
        okText: '确定修改',
        cancelText: '取消',
        onOk: () => save.mutateAsync({ values, allowOverQuota: true }).catch(() => undefined),
      });
      return;
    }
    save.mutate({ values, allowOverQuota: false });
  };

  return (
    <Modal
      open
      title={
        mode.kind === 'create'
          ? `在「${mode.parent.name}」下新增${label('orgLevel', mode.level)}`
          : `编辑「${mode.unit.name}」`
      }
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      onOk={() => whenValid(form, submit)}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? {
                name: editing.name,
                urbanPopulation: editing.urbanPopulation,
                approvedQuota: editing.approvedQuota,
              }
            : {}
        }
      >
        {mode.kind === 'create' ? (
          <Form.Item
            name="code"
            label="单位编码"
            extra={`完整编码：${mode.parent.id}/…`}
            rules={[
              { required: true, message: '请填写单位编码' },
              { pattern: /^[a-z0-9][a-z0-9-]*$/, message: '编码只能由小写字母、数字和连字符组成' },
            ]}
          >
            <Input placeholder="如 hongqi" />
          </Form.Item>
        ) : null}
        <Form.Item name="name" label="单位名称" rules={[{ required: true, message: '请填写单位名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="urbanPopulation" label="城镇常住人口" extra="按人口计算编制的单位填写">
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="approvedQuota"
          label="核定编制（人）"
          extra="填写后以此为准；不填则按政策计算或计入上级"
        >
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation } from '@tanstack/react-query';
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect.tsx';
import { quotaRefusal } from '../../components/quota.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Worker = components['schemas']['Worker'];

interface MoveValues {
  org: string;
  reason: string;
}

/**
 * 调动: a serving worker to another community or grid of the caller's subtree. Seats follow; a full
 * unit (QUOTA_EXCEEDED, with its figures), the same unit or a unit of the wrong level is said
 * beside 调入单位.
 */
export function MoveDialog({
  worker,
  onClose,
  onDone,
}: {
  worker: Worker;
  onClose: () => void;
  onDone: (moved: Worker) => void;
}) {
  const [form] = Form.useForm<MoveValues>();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const move = useMutation({
    mutationFn: (v: MoveValues) =>
      data(
        api.POST('/v1/workers/{id}/moves', {
          params: { path: { id: worker.id }, header: { 'idempotency-key': key } },
          body: { org: v.org, reason: v.reason },
        }),
      ),
    onSuccess: onDone,
  });
  /**
   * A refusal, once the mutation has settled (`mutateAsync` rejected): a full unit in the words of
   * the error's own details, beside 调入单位, where it stays until that field changes (its rule
   * re-validates then). Nothing resets the form (the dialog is mounted once per opening, with no
   * initial values to re-apply), and `validating: false` drops a validation of the field still in
   * flight, whose result (no error) would otherwise overwrite the refusal.
   */
  const refused = (e: unknown) => {
    const full = quotaRefusal(e);
    if (full) {
      form.setFields([{ name: 'org', errors: [full], validating: false }]);
      setProblem(null);
      return;
    }
    setProblem(
      applyServerErrors(form, e, ['org', 'reason'], {
        ALREADY_IN_UNIT: 'org',
        MOVE_TARGET_LEVEL: 'org',
        UNKNOWN_ORG_UNIT: 'org',
      }),
    );
  };
  return (
    <Modal
      open
      title={`调动 ${worker.name}`}
      okText="确认调动"
      cancelText="取消"
      confirmLoading={move.isPending}
      onCancel={onClose}
      onOk={() => {
        setProblem(null);
        whenValid(form, (v) => void move.mutateAsync(v).catch(refused));
      }}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<MoveValues> form={form} layout="vertical">
        <Form.Item
          name="org"
          label="调入单位"
          extra="社区或网格；编制随人调整，登录账号的单位随之变更"
          rules={[{ required: true, message: '请选择调入单位' }]}
        >
          <OrgUnitTreeSelect aria-label="调入单位" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="调动原因"
          rules={[{ required: true, whitespace: true, message: '请填写调动原因' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ApiError, type ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { applyServerErrors, useFormSave, whenValid } from '../../components/formErrors.ts';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Nomination = components['schemas']['Nomination'];

/** Refusals about the nominee (eligibility, seats): the API's reasons in its own words, beside 人选. */
const NOMINEE_REFUSALS = new Set([
  'NOT_PARTY_MEMBER',
  'FAILED_EVALUATION_IN_CYCLE',
  'NOT_ACTIVE',
  'ALREADY_NOMINATED',
  'HONOUR_QUOTA_EXCEEDED',
  'NO_QUOTA_FOR_ORG',
]);

function nomineeRefusal(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || !NOMINEE_REFUSALS.has(error.code)) return null;
  const failures = (error.details as { failures?: { message?: unknown }[] } | null)?.failures;
  const reasons = Array.isArray(failures)
    ? failures.map((f) => (typeof f.message === 'string' ? f.message : '')).filter(Boolean)
    : [];
  return reasons.length > 0 ? reasons : [error.message];
}

/** 推荐人选: a worker and why, refused beside 人选 when the nominee is not eligible. */
export function NominateDialog({ cycleId, onClose }: { cycleId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ workerId: string; reason: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const save = useMutation({
    mutationFn: (v: { workerId: string; reason: string }) =>
      data(
        api.POST('/v1/honour-cycles/{id}/nominations', {
          params: { path: { id: cycleId }, header: { 'idempotency-key': key } },
          body: v,
        }),
      ),
    onSuccess: async (n) => {
      message.success(`已推荐 ${n.workerName}`);
      await client.invalidateQueries({ queryKey: ['honour-cycle', cycleId] });
      await client.invalidateQueries({ queryKey: ['honour-cycles'] });
      onClose();
    },
    onError: (e) => {
      // Another nominee is another request: a fresh key, so the refusal is not replayed.
      setKey(crypto.randomUUID());
      const reasons = nomineeRefusal(e);
      if (reasons) {
        form.setFields([{ name: 'workerId', errors: reasons }]);
        setProblem(null);
      } else setProblem(applyServerErrors(form, e, ['workerId', 'reason']));
    },
  });
  return (
    <Modal
      open
      title="推荐人选"
      okText="推荐"
      cancelText="取消"
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={() => whenValid(form, (v) => save.mutate(v))}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="workerId" label="人选" rules={[{ required: true, message: '请选择在岗人员' }]}>
          <WorkerPicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="推荐理由" rules={[{ required: true, message: '请填写推荐理由' }]}>
          <Input.TextArea maxLength={1000} rows={3} placeholder="主要事迹" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记结果: 当选 or 未当选 for one nomination, final once recorded. */
export function ResultDialog({
  cycleId,
  nomination,
  awarded,
  onClose,
}: {
  cycleId: string;
  nomination: Nomination;
  awarded: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ note?: string }>();
  const client = useQueryClient();
  const { message } = App.useApp();
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: { note?: string }, key) =>
      data(
        api.POST('/v1/honour-cycles/{id}/nominations/{nominationId}/result', {
          params: {
            path: { id: cycleId, nominationId: nomination.id },
            header: { 'idempotency-key': key },
          },
          body: { awarded, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      ),
    onDone: async () => {
      message.success(`已登记 ${nomination.workerName} ${awarded ? '当选' : '未当选'}`);
      await client.invalidateQueries({ queryKey: ['honour-cycle', cycleId] });
      onClose();
    },
    fields: ['note'],
  });
  return (
    <Modal
      open
      title={`登记结果：${nomination.workerName}${awarded ? '当选' : '未当选'}`}
      okText="登记"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph>结果登记后不能更改。</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="备注">
          <Input.TextArea maxLength={1000} rows={2} placeholder="如：市委组织部2026年6月通报" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

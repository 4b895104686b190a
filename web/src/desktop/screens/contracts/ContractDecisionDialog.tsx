import { Alert, Form, Input, Modal, Radio } from 'antd';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { chineseDate } from '../../../lib/dates.ts';
import { useFormSave } from '../../components/formErrors.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Worker = components['schemas']['Worker'];

interface DecisionValues {
  decision: 'renew' | 'not-renew';
  note?: string;
  evidence?: string;
}

/**
 * 续签 / 不续签 for one worker's current term: renewing adds the policy's renewal term; not renewing
 * is an exit under situation 5 on the term's last day. Refusals (too early, not yet ended) go
 * beside the choice.
 */
export function ContractDecisionDialog({
  worker,
  onClose,
  onDone,
}: {
  worker: { id: string; name: string; endsOn: string; termNo: number };
  onClose: () => void;
  onDone: (updated: Worker) => void;
}) {
  const [form] = Form.useForm<DecisionValues>();
  const decision = Form.useWatch('decision', form) ?? 'renew';
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: DecisionValues, key) =>
      data(
        api.POST('/v1/workers/{id}/contract-renewals', {
          params: { path: { id: worker.id }, header: { 'idempotency-key': key } },
          body:
            v.decision === 'renew'
              ? { decision: 'renew', ...(v.note?.trim() ? { note: v.note.trim() } : {}) }
              : { decision: 'not-renew', evidence: v.evidence ?? '' },
        }),
      ),
    onDone,
    fields: ['decision', 'note', 'evidence'],
    fieldOfCode: {
      RENEWAL_TOO_EARLY: 'decision',
      EXIT_DATE_IN_FUTURE: 'decision',
      WORKER_EXITED: 'decision',
    },
  });
  return (
    <Modal
      open
      title={`${worker.name}：第 ${worker.termNo} 期合同（${chineseDate(worker.endsOn)} 到期）`}
      okText={decision === 'renew' ? '确认续签' : '确认不续签'}
      okButtonProps={{ danger: decision === 'not-renew' }}
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<DecisionValues> form={form} layout="vertical" initialValues={{ decision: 'renew' }}>
        <Form.Item name="decision" label="办理结果">
          <Radio.Group
            options={[
              { value: 'renew', label: '续签' },
              { value: 'not-renew', label: '合同期满不续签' },
            ]}
          />
        </Form.Item>
        {decision === 'renew' ? (
          <Form.Item name="note" label="备注">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="不续签即按退出情形五（辞职或合同期满不续签）办理离职，离职日期为合同到期日"
              description="释放编制、结束带教、撤回评优推荐并停用登录账号；须在合同到期当日或之后办理。"
            />
            <Form.Item
              name="evidence"
              label="依据说明"
              rules={[{ required: true, whitespace: true, message: '请填写不续签的依据' }]}
            >
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

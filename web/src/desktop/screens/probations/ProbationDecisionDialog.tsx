import { Alert, Form, Input, InputNumber, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, data } from '../../../api/client.ts';
import type { components } from '../../../api/schema.ts';
import { beijingToday, chineseDate } from '../../../lib/dates.ts';
import { useFormSave } from '../../components/formErrors.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { ExitFields } from '../workers/ExitDialog.tsx';

type Worker = components['schemas']['Worker'];
type Decision = components['schemas']['ProbationDecision'];

interface Values {
  decision: 'confirm' | 'extend' | 'fail';
  months?: number;
  note?: string;
  situation?: number;
  effectiveOn?: Dayjs;
  evidence?: string;
}

export interface ProbationToDecide {
  id: string;
  name: string;
  endsOn: string;
  extendedMonths: number;
  /** Days to the last day by the server's clock (0 on the day, negative after); null if not known. */
  daysLeft: number | null;
}

const OK_TEXT = { confirm: '确认转正', extend: '确认延长', fail: '确认办理离职' } as const;

function bodyOf(v: Values): Decision {
  const note = v.note?.trim() ? { note: v.note.trim() } : {};
  if (v.decision === 'confirm') return { decision: 'confirm', ...note };
  if (v.decision === 'extend') return { decision: 'extend', months: v.months ?? 0, ...note };
  return {
    decision: 'fail',
    situation: v.situation ?? 0,
    effectiveOn: (v.effectiveOn ?? dayjs(beijingToday())).format('YYYY-MM-DD'),
    evidence: v.evidence ?? '',
  };
}

/**
 * 试用期考核 for one worker: 转正 (on or after the last day), 延长试用期 (months, within the
 * recruitment policy's total; runs on from the current last day) or 不合格 (an exit under the
 * situation named, with the exit's own rules). The server's refusals go beside the field they
 * concern; the decision carries an Idempotency-Key so a double click records it once.
 */
export function ProbationDecisionDialog({
  worker,
  onClose,
  onDone,
}: {
  worker: ProbationToDecide;
  onClose: () => void;
  onDone: (updated: Worker) => void;
}) {
  const [form] = Form.useForm<Values>();
  // Today by the server's clock, from its count of days left (this device's clock may be off).
  const today =
    worker.daysLeft !== null
      ? dayjs(worker.endsOn).subtract(worker.daysLeft, 'day').format('YYYY-MM-DD')
      : beijingToday();
  const over = worker.endsOn <= today;
  const decision = Form.useWatch('decision', form) ?? (over ? 'confirm' : 'extend');
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: Values, key) =>
      data(
        api.POST('/v1/workers/{id}/probation', {
          params: { path: { id: worker.id }, header: { 'idempotency-key': key } },
          body: bodyOf(v),
        }),
      ),
    onDone,
    fields: ['decision', 'months', 'note', 'situation', 'effectiveOn', 'evidence'],
    fieldOfCode: {
      PROBATION_NOT_OVER: 'decision',
      PROBATION_DECIDED: 'decision',
      NO_PROBATION: 'decision',
      WORKER_EXITED: 'decision',
      EXTENSION_TOO_LONG: 'months',
      EXIT_DATE_IN_FUTURE: 'effectiveOn',
    },
  });
  return (
    <Modal
      open
      title={`试用期考核：${worker.name}`}
      okText={OK_TEXT[decision]}
      okButtonProps={{ danger: decision === 'fail' }}
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ decision: over ? 'confirm' : 'extend', months: 3, effectiveOn: dayjs(today) }}
      >
        <Form.Item
          name="decision"
          label="考核结果"
          extra={
            over
              ? `试用期${worker.endsOn === today ? '今天' : `已于 ${chineseDate(worker.endsOn)} `}届满${worker.extendedMonths > 0 ? `（已延长 ${worker.extendedMonths} 个月）` : ''}。`
              : `试用期至 ${chineseDate(worker.endsOn)} 届满，届满当日起方可转正；期间可延长试用期或按不合格办理离职。`
          }
        >
          <Radio.Group
            options={[
              { value: 'confirm', label: '合格，转正', disabled: !over },
              { value: 'extend', label: '延长试用期' },
              { value: 'fail', label: '不合格，办理离职' },
            ]}
          />
        </Form.Item>
        {decision === 'extend' ? (
          <Form.Item
            name="months"
            label="延长月数"
            extra={
              worker.extendedMonths > 0
                ? `已延长 ${worker.extendedMonths} 个月；延长总数以招聘政策的上限为准`
                : '自现试用期满次日起顺延；延长总数以招聘政策的上限为准'
            }
            rules={[{ required: true, message: '请填写延长月数' }]}
          >
            <InputNumber min={1} max={24} precision={0} addonAfter="个月" style={{ width: 180 }} />
          </Form.Item>
        ) : null}
        {decision === 'fail' ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message="试用期不合格即办理离职，确认后立即生效，不可撤销"
              description="释放编制、结束带教、撤回评优推荐并停用登录账号，工资按实际在岗天数计发。"
            />
            <ExitFields evidenceLabel="依据（考核意见、文件）" evidenceMissing="请填写不合格的依据" />
          </>
        ) : (
          <Form.Item name="note" label="考核意见（可选）">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The toast after a decision, from the worker as the server returned it. */
export function probationOutcome(w: Worker): string {
  if (w.status === 'exited') return `${w.name} 试用期不合格，已办理离职`;
  if (w.probation.status === 'confirmed') return `${w.name} 已转正`;
  return `${w.name} 试用期已延长至 ${chineseDate(w.probation.endsOn)}`;
}

import { Alert, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, data } from '../../../api/client.ts';
import { beijingToday, PERIOD_FORMATS } from '../../../lib/dates.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { useFormSave } from '../../components/formErrors.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import type { JobInfo, JobRun, PeriodKind } from './jobs.ts';

/** The API's period format per kind, and how the picker shows it. */
const FORMATS: Record<PeriodKind, { api: string; shown: string; label: string }> = {
  month: { ...PERIOD_FORMATS.month, label: '补跑月份' },
  year: { ...PERIOD_FORMATS.year, label: '补跑年度' },
  date: { ...PERIOD_FORMATS.date, label: '补跑日期' },
};

interface Values {
  period: Dayjs;
}

/**
 * 补跑: runs `job` for a past period in the caller's city. The jobs are idempotent per period, so a
 * period already run is run again harmlessly; refusals (period not over, a run in progress) go
 * beside the period.
 */
export function RunJobDialog({
  job,
  onClose,
  onDone,
}: {
  job: JobInfo;
  onClose: () => void;
  onDone: (run: JobRun) => void;
}) {
  const [form] = Form.useForm<Values>();
  const format = FORMATS[job.kind];
  const latest = job.latest(beijingToday());
  const { submit, pending, problem } = useFormSave(form, {
    send: (v: Values, key) =>
      data(
        api.POST('/v1/jobs/{name}/runs', {
          params: { path: { name: job.name }, header: { 'idempotency-key': key } },
          body: { period: v.period.format(format.api) },
        }),
      ),
    onDone,
    fields: ['period'],
    fieldOfCode: {
      INVALID_PERIOD: 'period',
      PERIOD_NOT_STARTED: 'period',
      PERIOD_NOT_ENDED: 'period',
      JOB_ALREADY_RUN: 'period',
    },
  });
  return (
    <Modal
      open
      title={`补跑${job.title}`}
      okText="开始补跑"
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={submit}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="同一期间重复补跑不会重复生成数据，已处理的内容保持不变。"
      />
      <Form<Values> form={form} layout="vertical" initialValues={{ period: dayjs(latest, format.api) }}>
        <Form.Item
          name="period"
          label={format.label}
          rules={[{ required: true, message: `请选择${format.label.slice(2)}` }]}
        >
          <DatePicker
            picker={job.kind === 'date' ? undefined : job.kind}
            format={format.shown}
            allowClear={false}
            style={{ width: '100%' }}
            disabledDate={(d) => {
              const p = d.format(format.api);
              return p > latest || p < '2000';
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

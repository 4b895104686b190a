import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Space, Steps, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import type { ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { beijingToday, chineseDate } from '../../../lib/dates.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import type { Worker } from '../../components/workers.ts';
import { ErrorAlert } from '../../ErrorAlert.tsx';

type Preview = components['schemas']['ExitPreview'];

/** The six exit situations (退出情形), as the rule book words them. */
export const EXIT_SITUATIONS = [
  { value: 1, label: '1. 年度考核不称职（不合格），或一个聘期内两次基本称职' },
  { value: 2, label: '2. 经培训或调整岗位后仍不能胜任工作' },
  { value: 3, label: '3. 严重违反工作纪律' },
  { value: 4, label: '4. 被依法追究刑事责任或有其他违法行为' },
  { value: 5, label: '5. 本人辞职或合同期满不再续聘' },
  { value: 6, label: '6. 达到法定退休年龄或因身体原因' },
];

/**
 * An exit's situation, day and evidence (form fields `situation`, `effectiveOn`, `evidence`): the
 * exit dialog's, and a failed probation's, which is an exit too.
 */
export function ExitFields({
  evidenceLabel = '依据（文件、说明）',
  evidenceMissing = '请填写离职依据',
}: {
  evidenceLabel?: string;
  evidenceMissing?: string;
}) {
  return (
    <>
      <Form.Item name="situation" label="退出情形" rules={[{ required: true, message: '请选择退出情形' }]}>
        <Select options={EXIT_SITUATIONS} placeholder="请选择六种退出情形之一" />
      </Form.Item>
      <Form.Item name="effectiveOn" label="离职日期" rules={[{ required: true, message: '请选择离职日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="evidence"
        label={evidenceLabel}
        rules={[{ required: true, whitespace: true, message: evidenceMissing }]}
      >
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
    </>
  );
}

interface Values {
  situation: number;
  effectiveOn: Dayjs;
  evidence: string;
}

/**
 * 办理离职 in two steps: the officer fills in the situation, date and evidence, sees what the exit
 * will do (POST …/exits/preview: seats, pairings, reserve pool, nominations), then confirms. The
 * confirmation carries an Idempotency-Key so a double click records one exit.
 */
export function ExitDialog({
  worker,
  onClose,
  onDone,
}: {
  worker: Worker;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [preview, setPreview] = useState<{
    body: { situation: number; effectiveOn: string; evidence: string };
    effects: Preview;
  } | null>(null);
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const fields = ['situation', 'effectiveOn', 'evidence'];

  const previewIt = useMutation({
    mutationFn: async (values: Values) => {
      const body = {
        situation: values.situation,
        effectiveOn: values.effectiveOn.format('YYYY-MM-DD'),
        evidence: values.evidence,
      };
      const effects = await data(
        api.POST('/v1/workers/{id}/exits/preview', { params: { path: { id: worker.id } }, body }),
      );
      return { body, effects };
    },
    onSuccess: (p) => {
      setProblem(null);
      setPreview(p);
    },
    onError: (e) => setProblem(applyServerErrors(form, e, fields)),
  });
  const confirm = useMutation({
    mutationFn: () =>
      data(
        api.POST('/v1/workers/{id}/exits', {
          params: { path: { id: worker.id }, header: { 'idempotency-key': key } },
          body: preview!.body,
        }),
      ),
    onSuccess: onDone,
    onError: (e) => setProblem(applyServerErrors(form, e, fields)),
  });

  const e = preview?.effects;
  return (
    <Modal
      open
      width={720}
      title={`办理离职：${worker.name}`}
      onCancel={onClose}
      footer={
        preview ? (
          <Space>
            <Button onClick={() => setPreview(null)}>返回修改</Button>
            <Button danger type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
              确认离职
            </Button>
          </Space>
        ) : (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              loading={previewIt.isPending}
              onClick={() => whenValid(form, (v) => previewIt.mutate(v))}
            >
              预览影响
            </Button>
          </Space>
        )
      }
    >
      <Steps
        size="small"
        current={preview ? 1 : 0}
        items={[{ title: '填写离职信息' }, { title: '确认影响' }]}
        style={{ marginBottom: 16 }}
      />
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <div style={{ display: preview ? 'none' : 'block' }}>
        <Form<Values> form={form} layout="vertical" initialValues={{ effectiveOn: dayjs(beijingToday()) }}>
          <ExitFields />
        </Form>
      </div>
      {e ? (
        <div data-testid="exit-preview">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message="确认后立即生效，离职记录不可撤销"
            description={`${e.name}将于${chineseDate(e.effectiveOn)}离职，退出情形：${e.situation.label}。`}
          />
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label="释放编制">
              {e.seatsReleased.length === 0
                ? '无'
                : e.seatsReleased.map((s) => (
                    <div key={s.org}>
                      {s.name}：在编 {s.used} → {s.usedAfter}
                      {s.quota != null ? `（核定 ${s.quota}）` : ''}
                    </div>
                  ))}
            </Descriptions.Item>
            <Descriptions.Item label="结束带教（作为学员）">
              {e.mentorsReleased.length === 0
                ? '无'
                : `与导师${e.mentorsReleased.map((m) => m.name).join('、')}的带教结对结束`}
            </Descriptions.Item>
            <Descriptions.Item label="结束带教（作为导师）">
              {e.menteesReleased === 0 ? '无' : `${e.menteesReleased} 名学员的带教结对结束`}
            </Descriptions.Item>
            <Descriptions.Item label="后备力量库">
              {e.leavesReservePool ? '移出后备力量库' : '不在库中'}
            </Descriptions.Item>
            <Descriptions.Item label="表彰提名">
              {e.nominationsWithdrawn === 0
                ? '无待定提名'
                : `撤回 ${e.nominationsWithdrawn} 项待定提名并释放名额`}
            </Descriptions.Item>
            <Descriptions.Item label="工资">按实际在岗天数计发至离职当月</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            依据：{preview!.body.evidence}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Modal>
  );
}

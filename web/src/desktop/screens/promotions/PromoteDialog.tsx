import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { ERROR_MESSAGES, type ErrorDescription } from '../../../api/errors.ts';
import type { components } from '../../../api/schema.ts';
import { policyVersionName } from '../../../lib/labels.ts';
import { DatePicker } from '../../components/DatePicker.ts';
import { DateText, Money } from '../../components/cells.tsx';
import { applyServerErrors, whenValid } from '../../components/formErrors.ts';
import { WorkerPicker } from '../../components/WorkerPicker.tsx';
import { ErrorAlert } from '../../ErrorAlert.tsx';
import { postAndGrade } from './format.ts';

type Promotion = components['schemas']['Promotion'];
type Preview = components['schemas']['PromotionPreview'];
type PromoteBody = components['schemas']['Promote'];
type Committee = PromoteBody['committee'];
type Role = PromoteBody['role'];

/** The form's choices; each committee names its head and deputy differently (书记/主任, 副书记/副主任). */
const COMMITTEE_OPTIONS: { value: Committee; label: string }[] = [
  { value: 'party', label: '社区党组织委员会' },
  { value: 'residents', label: '居民委员会' },
];
const ROLE_OPTIONS: Record<Committee, { value: Role; label: string }[]> = {
  party: [
    { value: 'member', label: '委员' },
    { value: 'deputy', label: '副书记' },
    { value: 'secretary', label: '书记' },
  ],
  residents: [
    { value: 'member', label: '委员' },
    { value: 'deputy', label: '副主任' },
    { value: 'director', label: '主任' },
  ],
};

interface PromoteValues {
  workerId: string;
  committee: Committee;
  role: Role;
  effectiveOn: Dayjs;
  reason?: string;
  outsidePoolReason?: string;
}

const PROMOTE_FIELDS = [
  'workerId',
  'committee',
  'role',
  'effectiveOn',
  'reason',
  'outsidePoolReason',
] as const;

/** Refusals that concern one field go beside it (the promotion's answer and the preview's alike). */
const FIELD_OF_CODE: Record<string, keyof PromoteValues> = {
  OUTSIDE_RESERVE_POOL: 'outsidePoolReason',
  NOT_A_PROMOTION: 'role',
  ALREADY_IN_ROLE: 'role',
  ROLE_NOT_IN_COMMITTEE: 'role',
  WORKER_NOT_ACTIVE: 'workerId',
  EFFECTIVE_DATE_IN_FUTURE: 'effectiveOn',
  EFFECTIVE_DATE_BEFORE_LAST_CHANGE: 'effectiveOn',
};

/** The console's wording for a code (as for the promotion's own refusals), else the API's Chinese message. */
const refusalText = (r: Preview['refusals'][number]) => ERROR_MESSAGES[r.code] ?? r.message;

const bodyOf = (v: PromoteValues): PromoteBody => ({
  committee: v.committee,
  role: v.role,
  effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
  ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
  ...(v.outsidePoolReason?.trim() ? { outsidePoolReason: v.outsidePoolReason.trim() } : {}),
});

/**
 * 晋升两委: the officer fills the form, 预览工资变化 asks the API what the promotion would do (new
 * post and grade, pay before → after, every refusal in Chinese), and 确认晋升 records exactly what
 * was previewed. Changing any field discards the preview.
 */
export function PromoteDialog({
  initial,
  onClose,
  onDone,
}: {
  initial: { workerId?: string; name?: string };
  onClose: () => void;
  onDone: (p: Promotion) => void;
}) {
  const [form] = Form.useForm<PromoteValues>();
  const committee = Form.useWatch('committee', form);
  const client = useQueryClient();
  const [problem, setProblem] = useState<ErrorDescription | null>(null);
  const [previewed, setPreviewed] = useState<{ values: PromoteValues; preview: Preview } | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const preview = useMutation({
    mutationFn: async (v: PromoteValues) => ({
      values: v,
      preview: await data(
        api.POST('/v1/workers/{id}/promotions/preview', {
          params: { path: { id: v.workerId } },
          body: bodyOf(v),
        }),
      ),
    }),
    onSuccess: (result) => {
      setProblem(null);
      setPreviewed(result);
      form.setFields(
        result.preview.refusals.flatMap((r) =>
          FIELD_OF_CODE[r.code] ? [{ name: FIELD_OF_CODE[r.code]!, errors: [refusalText(r)] }] : [],
        ),
      );
    },
    onError: (e) => setProblem(applyServerErrors(form, e, PROMOTE_FIELDS, FIELD_OF_CODE)),
  });
  const save = useMutation({
    mutationFn: (v: PromoteValues) =>
      data(
        api.POST('/v1/workers/{id}/promotions', {
          params: { path: { id: v.workerId }, header: { 'idempotency-key': key } },
          body: bodyOf(v),
        }),
      ),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: ['reserve-pool'] });
      await client.invalidateQueries({ queryKey: ['worker', p.workerId] });
      onDone(p);
    },
    onError: (e) => setProblem(applyServerErrors(form, e, PROMOTE_FIELDS, FIELD_OF_CODE)),
  });
  const confirmable = previewed?.preview.allowed === true;
  return (
    <Modal
      open
      width={640}
      title={initial.name ? `晋升 ${initial.name}` : '晋升两委'}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button
          key="preview"
          loading={preview.isPending}
          onClick={() => whenValid(form, (v) => preview.mutate(v))}
        >
          预览工资变化
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!confirmable}
          loading={save.isPending}
          onClick={() => previewed && save.mutate(previewed.values)}
        >
          确认晋升
        </Button>,
      ]}
    >
      {problem ? <ErrorAlert error={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<PromoteValues>
        form={form}
        layout="vertical"
        initialValues={{ workerId: initial.workerId, committee: 'party' }}
        onValuesChange={(changed) => {
          if ('committee' in changed) form.setFieldValue('role', undefined);
          // A refusal shown for the old values no longer applies to the changed field.
          form.setFields(
            (Object.keys(changed) as (keyof PromoteValues)[]).map((name) => ({ name, errors: [] })),
          );
          setPreviewed(null);
        }}
      >
        {initial.workerId ? (
          <>
            <Form.Item name="workerId" hidden>
              <Input />
            </Form.Item>
            <Form.Item label="人员">
              <Typography.Text strong>{initial.name}</Typography.Text>（后备力量库）
            </Form.Item>
          </>
        ) : (
          <Form.Item name="workerId" label="人员" rules={[{ required: true, message: '请选择在岗人员' }]}>
            <WorkerPicker style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="committee" label="委员会" rules={[{ required: true, message: '请选择委员会' }]}>
          <Select options={COMMITTEE_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="role"
          label="职务"
          extra="委员、副书记（副主任）进入副职岗位，书记（主任）进入正职岗位；等级按工资不降低套定"
          rules={[{ required: true, message: '请选择职务' }]}
        >
          <Select options={ROLE_OPTIONS[committee ?? 'party']} />
        </Form.Item>
        <Form.Item
          name="effectiveOn"
          label="生效日期"
          extra="不能晚于今天，也不能早于该人员上一次岗位等级变动"
          rules={[{ required: true, message: '请选择生效日期' }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="说明">
          <Input.TextArea maxLength={500} rows={2} placeholder="如：换届选举当选" />
        </Form.Item>
        <Form.Item name="outsidePoolReason" label="库外晋升理由" extra="人选不在后备力量库中时必填">
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
      {previewed ? (
        <PreviewPanel preview={previewed.preview} />
      ) : (
        <Typography.Text type="secondary">先预览工资变化，确认无误后再晋升。</Typography.Text>
      )}
    </Modal>
  );
}

/** What the promotion would do, as the API computed it, and why it would be refused if it would. */
function PreviewPanel({ preview: p }: { preview: Preview }) {
  return (
    <div data-testid="promotion-preview">
      {p.allowed ? (
        <Alert type="info" showIcon message="预览：确认后将按以下结果晋升" style={{ marginBottom: 12 }} />
      ) : (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message="按当前填写无法晋升"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="promotion-refusals">
              {p.refusals.map((r) => (
                <li key={r.code}>{refusalText(r)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label="职务">{p.roleLabel ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="岗位等级">
          {postAndGrade(p.from)} → {p.to ? postAndGrade(p.to) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="月工资（岗位等级工资＋岗位津贴）">
          <Money fen={p.payBeforeFen} testId="preview-pay-before" /> →{' '}
          <Money fen={p.payAfterFen} testId="preview-pay-after" />
          {p.shortfallFen > 0 ? (
            <Typography.Text type="danger">
              （比现在少 <Money fen={p.shortfallFen} />）
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label="生效日期">
          <DateText value={p.effectiveOn} />
        </Descriptions.Item>
        <Descriptions.Item label="人选来源">
          {p.fromReservePool ? '后备力量库' : '库外人选'}
        </Descriptions.Item>
        <Descriptions.Item label="薪酬政策版本">{policyVersionName(p.payPolicyVersion)}</Descriptions.Item>
        <Descriptions.Item label="晋升政策版本">
          {policyVersionName(p.promotionPolicyVersion)}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

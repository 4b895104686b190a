import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, data } from '../../../api/client.ts';
import { label } from '../../../lib/labels.ts';
import { applyServerErrors } from '../../components/formErrors.ts';
import { CRITERION_LABELS, criterionFailure, EDUCATION_LABELS } from './labels.ts';
import type { Candidate, Recruitment } from './model.ts';
import { RegistrationSheet } from './RegistrationSheet.tsx';

/** 考生: registration one by one or from a sheet (stage open), and every candidate with the verdict. */
export function CandidatesTab({
  recruitment,
  candidates,
  onChanged,
}: {
  recruitment: Recruitment;
  candidates: Candidate[];
  onChanged: () => void;
}) {
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Candidate | null>(null);
  const register = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      data(
        api.POST('/v1/recruitments/{id}/candidates', {
          params: { path: { id: recruitment.id } },
          body: body as never,
        }),
      ),
    onSuccess: (c) => {
      setVerdict(c as Candidate);
      setProblem(null);
      form.resetFields();
      onChanged();
    },
    onError: (e) => setProblem(applyServerErrors(form, e)?.title ?? null),
  });
  return (
    <>
      {recruitment.stage === 'open' ? (
        <Card size="small" title="登记报名" style={{ marginBottom: 16 }}>
          <Form
            form={form}
            layout="inline"
            initialValues={{
              politicalRecordClear: true,
              meetsHealthRequirement: true,
              hasLocalResidence: true,
            }}
            onFinish={(v) => {
              setVerdict(null);
              register.mutate({ ...v, certificateLevel: v.certificateLevel ?? null });
            }}
            style={{ rowGap: 12 }}
          >
            <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Form.Item
              name="nationalId"
              label="身份证号"
              rules={[{ required: true, message: '请填写身份证号' }]}
            >
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
              <Select
                style={{ width: 140 }}
                aria-label="学历"
                options={Object.entries(EDUCATION_LABELS).map(([value, text]) => ({ value, label: text }))}
              />
            </Form.Item>
            <Form.Item name="certificateLevel" label="职业资格">
              <Select
                style={{ width: 160 }}
                allowClear
                aria-label="职业资格"
                placeholder="无"
                options={['assistant', 'intermediate', 'senior'].map((v) => ({
                  value: v,
                  label: label('certificateLevel', v),
                }))}
              />
            </Form.Item>
            <Form.Item name="isGridWorker" valuePropName="checked">
              <Checkbox>现任网格员</Checkbox>
            </Form.Item>
            <Form.Item name="isPartyMember" valuePropName="checked">
              <Checkbox>中共党员</Checkbox>
            </Form.Item>
            <Form.Item name="politicalRecordClear" valuePropName="checked">
              <Checkbox>政治表现审查通过</Checkbox>
            </Form.Item>
            <Form.Item name="meetsHealthRequirement" valuePropName="checked">
              <Checkbox>符合身体条件</Checkbox>
            </Form.Item>
            <Form.Item name="hasLocalResidence" valuePropName="checked">
              <Checkbox>本地户籍或居住证</Checkbox>
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={register.isPending}>
                登记
              </Button>
            </Form.Item>
          </Form>
          {problem ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={problem} /> : null}
          {verdict ? (
            verdict.eligibility.eligible ? (
              <Alert
                style={{ marginTop: 12 }}
                type="success"
                showIcon
                message={`${verdict.name} 已登记，资格审查通过`}
              />
            ) : (
              <Alert
                style={{ marginTop: 12 }}
                type="warning"
                showIcon
                message={`${verdict.name} 已登记，资格审查未通过`}
                description={verdict.eligibility.failed
                  .map((f) => criterionFailure(f, verdict.eligibility.reasons[f]))
                  .join('；')}
              />
            )
          ) : null}
        </Card>
      ) : null}
      {recruitment.stage === 'open' ? (
        <div style={{ marginBottom: 16 }}>
          <RegistrationSheet recruitment={recruitment} onDone={onChanged} />
        </div>
      ) : null}
      <Table<Candidate>
        size="small"
        rowKey="id"
        dataSource={candidates}
        pagination={false}
        locale={{ emptyText: '尚无考生报名' }}
        columns={[
          { title: '序号', dataIndex: 'registrationNo', width: 60 },
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号', dataIndex: 'nationalId' },
          { title: '学历', dataIndex: 'education', render: (e: string) => EDUCATION_LABELS[e] ?? e },
          {
            title: '资格审查',
            key: 'eligibility',
            render: (_, c) =>
              c.eligibility.eligible ? (
                <Typography.Text type="success">通过</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  <Typography.Text type="danger">
                    未通过（{c.eligibility.failed.map((f) => CRITERION_LABELS[f] ?? f).join('、')}）
                  </Typography.Text>
                  {c.eligibility.failed.map((f) => (
                    <Typography.Text key={f} type="secondary">
                      {criterionFailure(f, c.eligibility.reasons[f])}
                    </Typography.Text>
                  ))}
                </Space>
              ),
          },
          { title: '笔试', key: 'written', render: (_, c) => c.scores.written ?? '—' },
          { title: '面试', key: 'interview', render: (_, c) => c.scores.interview ?? '—' },
          { title: '录用', key: 'hired', render: (_, c) => (c.hiredWorkerId ? '已录用' : '—') },
        ]}
      />
    </>
  );
}

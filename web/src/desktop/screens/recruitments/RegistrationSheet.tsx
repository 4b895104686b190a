import { Alert, Typography } from 'antd';
import type { components } from '../../../api/schema.ts';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';
import { CRITERION_LABELS, EDUCATION_LABELS } from './labels.ts';

type Recruitment = components['schemas']['Recruitment'];

interface CandidatesRegistered {
  registered: number;
  eligible: number;
}

/** 报名表: a registration sheet, every row with its eligibility verdict before anything is saved. */
export function RegistrationSheet({ recruitment, onDone }: { recruitment: Recruitment; onDone: () => void }) {
  return (
    <SpreadsheetUpload<CandidatesRegistered>
      path={`/v1/recruitments/${recruitment.id}/registrations`}
      template="candidates"
      title="批量报名（报名表）"
      hint="表头：身份证号、姓名、学历、职业资格证书、政治表现合格、身体健康、本地户籍或居住、专业资格审查、是否网格员、是否党员、拟安排单位"
      commitLabel="确认登记报名"
      cellRender={{ education: (v) => EDUCATION_LABELS[String(v)] ?? String(v ?? '—') }}
      resultColumns={[
        {
          title: '报名序号',
          key: 'registrationNo',
          render: (_, row) => (row.result ? String(row.result.registrationNo) : '—'),
        },
        {
          title: '资格审查',
          key: 'eligible',
          render: (_, row) => {
            if (!row.result) return '—';
            const failed = (row.result.failed as string[] | undefined) ?? [];
            return row.result.eligible ? (
              <Typography.Text type="success">通过</Typography.Text>
            ) : (
              <Typography.Text type="warning">
                未通过（{failed.map((f) => CRITERION_LABELS[f] ?? f).join('、')}）
              </Typography.Text>
            );
          },
        },
      ]}
      onCommitted={onDone}
      renderCommitted={(body) => (
        <Alert
          type="success"
          showIcon
          message={`已登记 ${body.registered} 名考生，其中 ${body.eligible} 名资格审查通过`}
        />
      )}
    />
  );
}

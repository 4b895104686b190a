import { Alert } from 'antd';
import { SpreadsheetUpload } from '../../upload/SpreadsheetUpload.tsx';
import type { Candidate, Recruitment } from './model.ts';

/** 成绩导入: written or interview scores from a sheet, previewed row by row before they are saved. */
export function ScoresTab({
  recruitment,
  candidates,
  onDone,
}: {
  recruitment: Recruitment;
  candidates: Candidate[];
  onDone: () => void;
}) {
  const names = new Map(candidates.map((c) => [c.id, c.name]));
  const scoring = recruitment.stage === 'written-exam' || recruitment.stage === 'interview';
  return (
    <SpreadsheetUpload<{ recorded: number }>
      key={recruitment.stage}
      path={`/v1/recruitments/${recruitment.id}/scores`}
      template="scores"
      title={recruitment.stage === 'interview' ? '导入面试成绩' : '导入笔试成绩'}
      hint={`表头：姓名、身份证号（或候选人编号）、${recruitment.stage === 'interview' ? '面试成绩' : '笔试成绩'}；成绩 0–100，最多两位小数`}
      disabledReason={scoring ? null : '只有在笔试或面试阶段才能导入成绩'}
      commitLabel="确认导入成绩"
      resultColumns={[
        {
          title: '对应考生',
          key: 'candidate',
          render: (_, row) =>
            row.result ? (names.get(String(row.result.candidateId)) ?? String(row.result.candidateId)) : '—',
        },
        {
          title: '将录入',
          key: 'score',
          render: (_, row) =>
            row.result
              ? row.result.written !== undefined
                ? `笔试 ${String(row.result.written)}`
                : `面试 ${String(row.result.interview)}`
              : '—',
        },
      ]}
      onCommitted={onDone}
      renderCommitted={(body) => (
        <Alert type="success" showIcon message={`已录入 ${body.recorded} 名考生的成绩`} />
      )}
    />
  );
}

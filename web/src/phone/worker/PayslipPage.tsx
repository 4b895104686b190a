import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, List } from 'antd-mobile';
import { useState } from 'react';
import { api, data } from '../../api/client.ts';
import { beijingMonth, chineseDate, chineseMonth, pickerLabel } from '../../lib/dates.ts';
import { gradeLabel, label, policyVersionName } from '../../lib/labels.ts';
import { formatFen } from '../../lib/money.ts';
import { QueryView } from '../QueryView.tsx';
import { useProfile } from './profile.ts';
import { ActionRow } from '../ActionRow.tsx';

const monthDate = (month: string) => new Date(`${month}-01T12:00:00+08:00`);
const toMonth = (d: Date) => beijingMonth(d);

type Statement = { grade: number; post: string; evaluation: { year: number; grade: string } | null };

/** Why each line is what it is, phrased for the payslip (the API's `basis` says the same for the console and audit). */
function lineBasis(code: string, s: Statement): string {
  if (code === 'base') return `岗位等级 ${s.grade} 级`;
  if (code === 'post-allowance') return `${label('post', s.post)}岗位`;
  if (code === 'certificate-allowance') return '按最高等级职业资格证书计发';
  if (code === 'evaluation-bonus' && s.evaluation)
    return `${s.evaluation.year} 年度考核${label('evaluationGrade', s.evaluation.grade)}`;
  return '';
}

/** 工资条: one month's statement, every line in 元 to the fen, and what it was computed under. */
export default function PayslipPage() {
  const [month, setMonth] = useState(beijingMonth());
  const [picking, setPicking] = useState(false);
  // Months before the hire have no statement: the picker starts at the hire's month.
  const hiredOn = useProfile().data?.hiredOn;
  const statement = useQuery({
    queryKey: ['me', 'statement', month],
    queryFn: () => data(api.GET('/v1/me/statements/{month}', { params: { path: { month } } })),
  });
  return (
    <div className="payslip">
      <List className="no-print">
        <ActionRow extra={chineseMonth(month)} onClick={() => setPicking(true)} opensPicker>
          月份
        </ActionRow>
      </List>
      <DatePicker
        visible={picking}
        precision="month"
        value={monthDate(month)}
        max={monthDate(beijingMonth())}
        min={monthDate(hiredOn?.slice(0, 7) ?? '2000-01')}
        renderLabel={pickerLabel}
        title="选择月份"
        confirmText="确定"
        cancelText="取消"
        onClose={() => setPicking(false)}
        onConfirm={(d) => setMonth(toMonth(d))}
      />
      <QueryView query={statement}>
        {(s) => (
          <>
            <h2 className="print-only">
              {s.name} {chineseMonth(s.month)}工资条
            </h2>
            <List header={`${chineseMonth(s.month)}工资条`}>
              {s.lines.map((line) => (
                <List.Item
                  key={line.code}
                  description={
                    s.service.partial
                      ? [lineBasis(line.code, s), `月额 ${formatFen(line.fullMonthFen)}`]
                          .filter(Boolean)
                          .join('；')
                      : lineBasis(line.code, s)
                  }
                  extra={
                    <span className="amount" data-testid={`line-${line.code}`}>
                      {formatFen(line.amountFen)}
                    </span>
                  }
                >
                  {label('statementLine', line.code)}
                </List.Item>
              ))}
              <List.Item
                className="total-row"
                extra={
                  <span className="amount" data-testid="statement-total">
                    {formatFen(s.totalFen)}
                  </span>
                }
              >
                合计
              </List.Item>
            </List>
            {s.service.partial ? (
              <div className="payslip-service" data-testid="statement-service">
                本月在岗 {s.service.daysServed}/{s.service.daysInMonth} 天（{chineseDate(s.service.from)}至
                {chineseDate(s.service.to)}），按日折算：各项月额 × 在岗天数 ÷ 当月天数，逐项四舍五入到分。
              </div>
            ) : null}
            <div className="payslip-meta">
              <div>
                岗位：{label('post', s.post)}　等级：{gradeLabel(s.grade)}（本岗位 {s.band.min}–{s.band.max}{' '}
                级）
              </div>
              <div>定级依据：{chineseDate(s.gradeBasis.effectiveOn)} 起</div>
              <div>薪酬政策版本：{policyVersionName(s.policy.version)}</div>
              {s.evaluation ? (
                <div>
                  {s.evaluation.year} 年度考核：{label('evaluationGrade', s.evaluation.grade)}
                </div>
              ) : null}
            </div>
            <div className="phone-section no-print">
              <Button block onClick={() => window.print()}>
                打印
              </Button>
            </div>
          </>
        )}
      </QueryView>
    </div>
  );
}

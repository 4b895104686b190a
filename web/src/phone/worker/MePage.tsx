import { Button, List } from 'antd-mobile';
import { signOut } from '../../auth/store.ts';
import { chineseDate } from '../../lib/dates.ts';
import { gradeLabel, label, policyVersionName } from '../../lib/labels.ts';
import { QueryView } from '../QueryView.tsx';
import { type Profile, useProfile } from './profile.ts';
import { ActionRow } from '../ActionRow.tsx';

/** "2029年1月1日" and the condition it rests on, or why there is none. */
function nextStepText(p: Profile): { value: string; note: string } {
  const next = p.nextStep;
  if (!next) return { value: '—', note: '' };
  if ('reason' in next) return { value: '已达本岗位最高等级', note: '' };
  return {
    value: `${chineseDate(next.on)}（升至 ${next.grade} 级）`,
    note: `按现行薪酬政策，在本等级每满 ${next.yearsInGrade} 个完整年度、年度考核${label('evaluationGrade', next.minGrade)}及以上晋升一级；连续优秀可提前`,
  };
}

function probationText(p: Profile): string {
  const s = p.probation;
  if (s.status === 'none') return '无试用期';
  if (s.status === 'confirmed') return `已转正（${chineseDate(s.decidedOn)}）`;
  if (s.status === 'failed') return '试用期未通过';
  return `${chineseDate(s.endsOn)}${s.extendedMonths > 0 ? `（已延长 ${s.extendedMonths} 个月）` : ''}`;
}

/** 我的: who I am, where (by the units' Chinese names), post, grade and band, my next step, my dates. */
export default function MePage() {
  const me = useProfile();
  return (
    <QueryView query={me}>
      {(w) => {
        const step = nextStepText(w);
        return (
          <>
            <List header="基本信息">
              <List.Item extra={w.name}>姓名</List.Item>
              <List.Item
                description={<span data-testid="org-path">{w.orgPath.map((u) => u.name).join(' / ')}</span>}
              >
                所属单位
              </List.Item>
              {w.orgSince ? (
                <List.Item extra={<span data-testid="org-since">{chineseDate(w.orgSince)}</span>}>
                  调入本单位
                </List.Item>
              ) : null}
              <List.Item extra={label('post', w.post)}>岗位</List.Item>
              <List.Item
                extra={
                  <span data-testid="grade">{`${gradeLabel(w.grade)}（本岗位 ${w.band.min}–${w.band.max} 级）`}</span>
                }
              >
                等级
              </List.Item>
              <List.Item extra={chineseDate(w.gradeSince)}>现等级起始</List.Item>
              <List.Item
                description={step.note || undefined}
                extra={<span data-testid="next-step">{step.value}</span>}
              >
                下次晋级
              </List.Item>
            </List>
            <List header="聘用">
              <List.Item extra={chineseDate(w.hiredOn)}>入职日期</List.Item>
              <List.Item extra={<span data-testid="probation">{probationText(w)}</span>}>试用期</List.Item>
              <List.Item extra={chineseDate(w.contractEndsOn)}>合同期至</List.Item>
            </List>
            <List header="更多">
              <ActionRow to="/me/certificates">证书</ActionRow>
              <ActionRow to="/me/coaching">带教记录</ActionRow>
            </List>
            <p className="muted phone-section">薪酬政策版本：{policyVersionName(w.payPolicy.version)}</p>
            <div className="phone-section">
              <Button block onClick={() => void signOut()}>
                退出登录
              </Button>
            </div>
          </>
        );
      }}
    </QueryView>
  );
}

import {
  criterionNames,
  departmentNames,
  educationLevelNames,
  placementStatusNames,
  recruitmentStageNames,
} from '../../../../../shared/domain/vocabulary.ts';

/**
 * Chinese for the recruitment screens: stages, criteria, departments, placements are the domain's
 * words (the API's `<field>Label`); the board's columns and the stage buttons are this screen's own.
 */
export const STAGE_LABELS: Readonly<Record<string, string>> = recruitmentStageNames;

/** The board's columns, in the order a candidate moves through them. */
export const PIPELINE = ['报名', '资格审查', '笔试', '面试', '联审', '公示', '录用'] as const;

export const NEXT_STAGE: Record<
  string,
  { to: 'written-exam' | 'interview' | 'review' | 'notice'; label: string }
> = {
  open: { to: 'written-exam', label: '结束报名，进入笔试' },
  'written-exam': { to: 'interview', label: '确定面试名单，进入面试' },
  interview: { to: 'review', label: '确定排名，进入联审' },
  review: { to: 'notice', label: '开始公示' },
};

export const CRITERION_LABELS: Readonly<Record<string, string>> = criterionNames;

export const DEPARTMENT_LABELS: Readonly<Record<string, string>> = departmentNames;

export const PLACEMENT_LABELS: Readonly<Record<string, string>> = placementStatusNames;

export const EDUCATION_LABELS: Readonly<Record<string, string>> = educationLevelNames;

/** Why a criterion failed: the criterion's name and the API's reason (in Chinese). */
export function criterionFailure(criterion: string, reason: string | undefined): string {
  return `${CRITERION_LABELS[criterion] ?? criterion}：${reason ?? '不符合条件'}`;
}

/** A department's Chinese name, its code when the policy names one this screen doesn't know. */
export const departmentName = (code: string) => DEPARTMENT_LABELS[code] ?? code;

/** How a selected candidate left during the notice (`removal.kind`). */
export const REMOVAL_LABELS: Record<'withdrew' | 'disqualified', string> = {
  withdrew: '本人放弃',
  disqualified: '取消资格',
};

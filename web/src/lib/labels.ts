import {
  batchKindNames,
  batchStatusNames,
  certificateLevelNames,
  committeeNames,
  committeeRoleTitles,
  departmentNames,
  educationLevelNames,
  evaluationGradeNames,
  evaluationRunStatusNames,
  gradeChangeReasonNames,
  hireChannelNames,
  honourTypeNames,
  kindNames,
  mentorshipStatusNames,
  orgLevelNames,
  otherReasonNames,
  postNames,
  sessionModeNames,
  statementLineNames,
  trainingLevelNames,
  workerEventNames,
  workerStatusNames,
} from '../../../shared/domain/vocabulary.ts';

/**
 * Chinese labels for the API's enum values: the domain's own tables (`shared/domain/vocabulary.ts`,
 * the words the API returns as `<field>Label`), so a screen never says another word than the API.
 * `label(group, value)` falls back to the raw value so a new enum value shows up (and gets
 * noticed) rather than breaking the page.
 */
export const LABELS = {
  role: { hr: '人事干部', mentor: '带教导师', worker: '社区工作者' },
  post: postNames,
  orgLevel: orgLevelNames,
  certificateLevel: certificateLevelNames,
  trainingLevel: trainingLevelNames,
  sessionMode: sessionModeNames,
  evaluationGrade: evaluationGradeNames,
  evaluationRunStatus: evaluationRunStatusNames,
  evaluationKind: { monthly: kindNames.monthly, annual: kindNames.annual },
  statementLine: statementLineNames,
  mentorshipStatus: mentorshipStatusNames,
  workerStatus: workerStatusNames,
  workerEvent: workerEventNames,
  channel: hireChannelNames,
  committee: committeeNames,
  department: departmentNames,
  honourType: honourTypeNames,
  /** Why an exit is proposed after an evaluation. */
  exitProposalReason: otherReasonNames,
  gradeChangeReason: gradeChangeReasonNames,
  education: educationLevelNames,
  batchKind: batchKindNames,
  batchStatus: batchStatusNames,
} as const;

export type LabelGroup = keyof typeof LABELS;

export function label(group: LabelGroup, value: string | null | undefined): string {
  if (value == null) return '—';
  return (LABELS[group] as Readonly<Record<string, string>>)[value] ?? value;
}

/** A committee seat: 社区党组织书记, 社区居民委员会委员. */
export function committeeRoleTitle(committee: string, role: string): string {
  const titles = (committeeRoleTitles as Readonly<Record<string, Readonly<Record<string, string>>>>)[
    committee
  ];
  return `${label('committee', committee)}${titles?.[role] ?? role}`;
}

/** Grade number and band as people say it: "12级（三岗）". */
export const gradeLabel = (grade: number) => `${grade} 级`;

/** `channelLabel` beside `channel`: the API's label of another field, which a screen shows in its place. */
export const isLabelOf = (key: string, ...holders: Record<string, unknown>[]) =>
  /Labels?$/.test(key) && holders.some((h) => Object.hasOwn(h, key.replace(/Labels?$/, '')));

/** A policy version by its Chinese name (the domain's rule, as the spreadsheets write it). */
export { policyVersionName } from '../../../shared/domain/vocabulary.ts';

import { certificateLevelNames } from './certificates.ts';
import type { EvaluationGrade } from './evaluation.ts';
import { exitSituations } from './exits.ts';
import { honourTypeNames } from './honours.ts';
import { sessionModeNames } from './mentoring.ts';
import type { Post } from './pay.ts';
import type { Committee, CommitteeRole } from './promotion.ts';
import { type defaultJointReviewDepartments, educationLevelNames } from './recruitment.ts';
import { trainingLevelNames } from './training.ts';

/**
 * The Chinese label of every enumerated value the API accepts or returns: one table per
 * vocabulary, code → label. Codes stay the stable English identifiers; the label is returned
 * beside the code (`<field>Label`) and accepted on input as an alias of it.
 */
export const postNames: Readonly<Record<Post, string>> = {
  principal: '正职',
  deputy: '副职',
  staff: '社区工作者',
};

export const orgLevelNames = {
  city: '市',
  district: '县（区）',
  street: '街道',
  community: '社区',
  grid: '网格',
} as const;

export const evaluationGradeNames: Readonly<Record<EvaluationGrade, string>> = {
  excellent: '优秀',
  competent: '称职',
  basic: '基本称职',
  failed: '不称职',
};

export const hireChannelNames = {
  'open-recruitment': '公开招聘',
  transfer: '集中转任',
  'helper-appointment': '协辅人员招聘',
} as const;

/** The default reviewing departments of the joint review (policies may name others). */
export const departmentNames: Readonly<Record<(typeof defaultJointReviewDepartments)[number], string>> = {
  organisation: '组织部',
  'civil-affairs': '民政局',
  'public-security': '公安局',
};

export const exitSituationNames = Object.fromEntries(exitSituations.map((s) => [s.code, s.zh])) as Readonly<
  Record<(typeof exitSituations)[number]['code'], string>
>;

/** Everyday words for the exit situations, accepted as aliases (a form says 辞职, not situation 5). */
export const exitSituationAliases: Readonly<Record<string, (typeof exitSituations)[number]['code']>> = {
  不称职: 'failed-evaluation',
  考核不合格: 'failed-evaluation',
  不能胜任: 'unable-after-training',
  违纪: 'discipline',
  违法: 'law',
  辞职: 'resignation-or-non-renewal',
  不再续聘: 'resignation-or-non-renewal',
  退休: 'retirement-or-health',
  身体原因: 'retirement-or-health',
};

export const committeeNames: Readonly<Record<Committee, string>> = {
  party: '社区党组织',
  residents: '社区居民委员会',
};

export const committeeRoleNames: Readonly<Record<CommitteeRole, string>> = {
  member: '委员',
  deputy: '副书记（副主任）',
  head: '书记（主任）',
};

export const workerStatusNames = { active: '在岗', exited: '已退出' } as const;

export const vocabularies = {
  post: postNames,
  education: educationLevelNames,
  certificateLevel: certificateLevelNames,
  sessionMode: sessionModeNames,
  trainingLevel: trainingLevelNames,
  honourType: honourTypeNames,
  orgLevel: orgLevelNames,
  evaluationGrade: evaluationGradeNames,
  channel: hireChannelNames,
  department: departmentNames,
  exitSituation: exitSituationNames,
  committee: committeeNames,
  committeeRole: committeeRoleNames,
  workerStatus: workerStatusNames,
} as const;
export type VocabularyName = keyof typeof vocabularies;

/** The code for a code or a label (case-insensitive for codes, whitespace ignored); undefined if unknown. */
export function codeOf(
  names: Readonly<Record<string, string>>,
  input: string,
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const key = input.normalize('NFKC').replace(/\s+/g, '');
  const lower = key.toLowerCase();
  for (const [code, label] of Object.entries(names)) {
    if (code.toLowerCase() === lower || label.normalize('NFKC').replace(/\s+/g, '') === key) return code;
  }
  return aliases[key];
}

export function labelOf(names: Readonly<Record<string, string>>, code: string | null | undefined) {
  return code === null || code === undefined ? null : (names[code] ?? null);
}

import { certificateLevelNames } from './certificates.ts';
import { exitSituations } from './exits.ts';
import { honourTypeNames } from './honours.ts';
import { sessionModeNames } from './mentoring.ts';
import { educationLevelNames } from './recruitment.ts';
import { trainingLevelNames } from './training.ts';
import {
  batchStatusNames,
  committeeNames,
  committeeRoleNames,
  contractReminderStatusNames,
  contractStatusNames,
  criterionNames,
  departmentNames,
  evaluationGradeNames,
  evaluationRunStatusNames,
  exitProposalStatusNames,
  exitSituationNames,
  gradeChangeReasonNames,
  hireChannelNames,
  jobNames,
  jobRunStatusNames,
  jobTriggerNames,
  kindNames,
  mentorshipStatusNames,
  orgLevelNames,
  otherReasonNames,
  placementStatusNames,
  postNames,
  probationStatusNames,
  rankingBasisNames,
  recruitmentStageNames,
  reviewDecisionNames,
  workerEventNames,
  workerStatusNames,
  auditActionName,
} from './vocabulary.ts';

/**
 * The response convention for enumerated values: beside every field holding a code, a field
 * `<field>Label` with its Chinese label (`"post": "staff", "postLabel": "社区工作者"`); beside a
 * list of codes, `<field>Labels`. One table says which field names hold which vocabulary; a name
 * used by several records (`level`, `status`, `reason`) is read by what holds it.
 */
type Labeller = (value: unknown, holder: Record<string, unknown>) => string | undefined;
type Names = Readonly<Record<string, string>>;

const from =
  (names: Names): Labeller =>
  (value) =>
    typeof value === 'string' && Object.hasOwn(names, value) ? names[value] : undefined;

const situationLabel: Labeller = (value) => {
  if (typeof value === 'number') return exitSituations.find((s) => s.situation === value)?.zh;
  return from(exitSituationNames)(value, {});
};

const levelLabel: Labeller = (value, holder) => {
  if (typeof value !== 'string') return undefined;
  if (Object.hasOwn(certificateLevelNames, value)) return from(certificateLevelNames)(value, holder);
  // A training event (or a worker's attendance of one) has hours; an org unit has none.
  const isTraining = 'hours' in holder || 'eventId' in holder;
  return from(isTraining ? trainingLevelNames : orgLevelNames)(value, holder);
};

/** Whose status it is, by the fields only that record has. */
function statusNamesOf(holder: Record<string, unknown>): Names {
  if ('stepCount' in holder || 'persons' in holder) return batchStatusNames;
  if ('terms' in holder) return contractStatusNames;
  if ('termNo' in holder) return contractReminderStatusNames;
  if ('extendedMonths' in holder || 'daysLeft' in holder) return probationStatusNames;
  if ('menteeId' in holder) return mentorshipStatusNames;
  if ('unitsTotal' in holder) return evaluationRunStatusNames;
  if ('job' in holder) return jobRunStatusNames;
  if ('rejectedBy' in holder) return placementStatusNames;
  if ('runId' in holder && 'year' in holder) return exitProposalStatusNames;
  return workerStatusNames;
}

/** An audit entry's action (审计), a recruitment's stage changes by their stage. */
const auditActionLabel: Labeller = (value) => {
  if (typeof value !== 'string') return undefined;
  const name = auditActionName(value);
  return name === value ? undefined : name;
};

const statusLabel: Labeller = (value, holder) => from(statusNamesOf(holder))(value, holder);

const reasonLabel: Labeller = (value, holder) =>
  from('effectiveOn' in holder && 'grade' in holder ? gradeChangeReasonNames : otherReasonNames)(
    value,
    holder,
  );

export const labelledFields: Readonly<Record<string, Labeller>> = {
  post: from(postNames),
  education: from(educationLevelNames),
  certificateLevel: from(certificateLevelNames),
  level: levelLabel,
  mode: from(sessionModeNames),
  honourType: from(honourTypeNames),
  grade: from(evaluationGradeNames),
  minGrade: from(evaluationGradeNames),
  channel: from(hireChannelNames),
  department: from(departmentNames),
  committee: from(committeeNames),
  role: from({ ...committeeRoleNames, secretary: '书记', director: '主任' }),
  situation: situationLabel,
  status: statusLabel,
  stage: from(recruitmentStageNames),
  decision: from(reviewDecisionNames),
  basis: from(rankingBasisNames),
  reason: reasonLabel,
  kind: from(kindNames),
  job: from(jobNames),
  trigger: from(jobTriggerNames),
  event: from(workerEventNames),
  action: auditActionLabel,
};

/** Fields holding a list of codes: `<field>Labels` beside them, one label per code. */
export const labelledListFields: Readonly<Record<string, Labeller>> = {
  failed: from(criterionNames),
};

/** Whether JSON.stringify writes an object property holding this value. */
const writtenAsJson = (value: unknown) =>
  value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/**
 * One object's labels: a shallow copy of `holder` with `<field>Label` (`<field>Labels` for a list)
 * right after each labelled field it holds (a label already present is kept), or `holder` itself
 * when it holds no labelled field. The labellers see the object as JSON has it (properties JSON
 * leaves out, such as undefined ones, are left out of the copy too). Nested values are not visited.
 */
export function labelObject(holder: Record<string, unknown>): Record<string, unknown> {
  let labelled = false;
  let unwritten = false;
  for (const key of Object.keys(holder)) {
    if (!writtenAsJson(holder[key])) unwritten = true;
    else if (labelledFields[key] || labelledListFields[key]) labelled = true;
  }
  if (!labelled) return holder;
  const source = unwritten
    ? Object.fromEntries(Object.entries(holder).filter(([, field]) => writtenAsJson(field)))
    : holder;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    const field = source[key];
    out[key] = field;
    const labeller = labelledFields[key];
    const labelKey = `${key}Label`;
    if (labeller && !Object.hasOwn(source, labelKey)) {
      const label = labeller(field, source);
      if (label !== undefined) out[labelKey] = label;
    }
    const listLabeller = labelledListFields[key];
    if (listLabeller && Array.isArray(field) && !Object.hasOwn(source, `${key}Labels`))
      out[`${key}Labels`] = field.map((item) => {
        const code = listItemAsJson(item);
        return listLabeller(code, source) ?? String(code);
      });
  }
  return out;
}

/** A list item as JSON writes it (undefined and functions as null, a Date as its string). */
function listItemAsJson(item: unknown): unknown {
  if (!writtenAsJson(item)) return null;
  const toJSON = (item as { toJSON?: unknown } | null)?.toJSON;
  return typeof toJSON === 'function' ? toJSON.call(item) : item;
}

/**
 * `JSON.stringify(value, labelsReplacer)` writes `value` with its labels at any depth, as
 * `JSON.stringify(withLabels(JSON.parse(JSON.stringify(value))))` does, in one pass and copying
 * only the objects that get a label.
 */
export function labelsReplacer(_key: string, value: unknown): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? labelObject(value as Record<string, unknown>)
    : value;
}

/**
 * A copy of a JSON value with `<field>Label` added beside every labelled field it holds (at any
 * depth); a label already present is kept. Values without a label (unknown codes, free text) get none.
 */
export function withLabels(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withLabels);
  if (value === null || typeof value !== 'object') return value;
  const labelled = labelObject(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(labelled)) out[key] = withLabels(labelled[key]);
  return out;
}

import type { RequestContext } from '#shared/context.ts';
import { certificateNumbers } from '#shared/db/certificate-numbers.ts';
import { normaliseCertificateNumber } from '#shared/db/entities/certificate.ts';
import type { OrgUnitRecord } from '#shared/db/entities/org-unit.ts';
import { workers } from '#shared/db/workers.ts';
import type { Store } from '#shared/db/store.ts';
import { maskNationalId, parseNationalId } from '#shared/domain/national-id.ts';
import {
  type OnboardingRow,
  type OnboardingRowProblem,
  onboardedStepState,
  onboardingRowProblems,
  pastStepYears,
} from '#shared/domain/onboarding.ts';
import type { PayPolicy } from '#shared/domain/pay.ts';
import { unprocessable } from '#shared/errors.ts';
import { can } from '#shared/auth/authorize.ts';
import { type OrgCellProblem, orgCellError } from '#shared/usecases/org-unit-references.ts';
import { policyAt } from '#shared/usecases/policies.ts';

const PLACEMENT_LEVELS = new Set(['community', 'grid']);

/**
 * Every row of an onboarding import checked before anything is written: the person (in the city,
 * not repeated, not an active worker already), the unit (a community or grid), the dates against
 * each other and today, the grade in its post's band, the certificate number unused, and the step
 * history replayed under each year's pay policy. Every problem is reported by row (422
 * ONBOARDING_ROWS_REFUSED); otherwise each row's step now and the policies it was checked under.
 */
export async function checkOnboardingRows(
  store: Store,
  ctx: RequestContext,
  city: string,
  rows: readonly OnboardingRow[],
  today: string,
  /**
   * From `resolveOrgCells`: the rows whose 所在单位 named no unit or several (by index), and the
   * units the others name (by id).
   */
  placement: {
    problems: ReadonlyMap<number, OrgCellProblem>;
    units: ReadonlyMap<string, OrgUnitRecord>;
  },
) {
  const { problems: orgProblems, units } = placement;
  const problems: OnboardingRowProblem[] = [];

  // Rows outside the city, repeated persons and certificate numbers.
  const nationalIds = rows.map((r) => {
    const person = parseNationalId(r.nationalId);
    return person.ok ? person.id : r.nationalId;
  });
  const firstOfPerson = new Map<string, number>();
  const firstOfCertificate = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 1;
    if (!orgProblems.has(i) && !can(ctx.actor, 'worker:onboard', { org: r.org }))
      problems.push({
        row,
        path: 'org',
        code: 'ROW_OUTSIDE_SUBTREE',
        message: `${r.org} is outside ${city}`,
      });
    const id = nationalIds[i]!;
    const first = firstOfPerson.get(id);
    if (first === undefined) firstOfPerson.set(id, row);
    else
      problems.push({
        row,
        path: 'nationalId',
        code: 'ROW_REPEATS_ROW',
        message: `the same person as row ${first}`,
        firstRow: first,
      });
    if (r.certificate) {
      const number = normaliseCertificateNumber(r.certificate.number);
      const firstCert = firstOfCertificate.get(number);
      if (firstCert === undefined) firstOfCertificate.set(number, row);
      else
        problems.push({
          row,
          path: 'certificateNumber',
          code: 'ROW_REPEATS_ROW',
          message: `the same certificate number as row ${firstCert}`,
          firstRow: firstCert,
        });
    }
  });

  // Units exist and are communities or grids.
  rows.forEach((r, i) => {
    const problem = orgProblems.get(i);
    const unit = units.get(r.org);
    if (problem) problems.push(orgCellError(i + 1, problem));
    else if (!unit)
      problems.push({
        row: i + 1,
        path: 'org',
        code: 'UNKNOWN_ORG_UNIT',
        message: `no org unit ${r.org}`,
        org: r.org,
      });
    else if (!PLACEMENT_LEVELS.has(unit.level))
      problems.push({
        row: i + 1,
        path: 'org',
        code: 'NOT_A_PLACEMENT_UNIT',
        message: `workers are placed in a community or grid, not a ${unit.level}`,
        org: r.org,
      });
  });

  // Nobody is an active worker already; no certificate number is recorded already.
  const [active, recorded] = await Promise.all([
    workers.activeIdsFor(store, nationalIds),
    certificateNumbers.taken(store, [...firstOfCertificate.keys()]),
  ]);
  rows.forEach((r, i) => {
    if (active.has(nationalIds[i]!))
      problems.push({
        row: i + 1,
        path: 'nationalId',
        code: 'ALREADY_ACTIVE_WORKER',
        message: 'already an active worker',
        nationalId: maskNationalId(nationalIds[i]!),
      });
    if (r.certificate && recorded.has(normaliseCertificateNumber(r.certificate.number)))
      problems.push({
        row: i + 1,
        path: 'certificateNumber',
        code: 'DUPLICATE_CERTIFICATE',
        message: `certificate number ${r.certificate.number} is already recorded`,
        number: r.certificate.number,
      });
  });

  // Dates, bands and the step history, each under the pay policy of its day (historical versions included).
  const stepYears = new Set(rows.flatMap((r) => pastStepYears(r.gradeSince ?? r.hiredOn, today)));
  const [pay, recruitment, ...yearly] = await Promise.all([
    policyAt(store, city, 'pay', today),
    policyAt(store, city, 'recruitment', today),
    ...[...stepYears].map((year) => policyAt(store, city, 'pay', `${year}-01-01`)),
  ]);
  const payOn = new Map<number, PayPolicy>([...stepYears].map((year, i) => [year, yearly[i]!.document]));
  const steps = rows.map((r, i) => {
    const own = onboardingRowProblems(r, i + 1, today, pay.document);
    problems.push(...own);
    if (own.length > 0) return null;
    const replay = onboardedStepState(r, today, (year) => payOn.get(year) ?? pay.document);
    if (replay.ok) return replay.step;
    problems.push({
      row: i + 1,
      path: 'grade',
      code: 'ONBOARDING_STEP_DUE',
      message: `by its evaluations the grade would have stepped to ${replay.to} on ${replay.dueOn}`,
      dueOn: replay.dueOn,
      grade: r.grade,
      to: replay.to,
    });
    return null;
  });
  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    throw unprocessable(
      'ONBOARDING_ROWS_REFUSED',
      `${new Set(problems.map((p) => p.row)).size} row(s) can't be onboarded; nothing was saved`,
      problems,
    );
  }
  // No problems: every row has its step.
  return { steps: steps.map((step) => step!), pay, recruitment };
}

import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { certificateNumbers } from '#shared/db/certificate-numbers.ts';
import type { GradeChangeRecord } from '#shared/db/entities/grade.ts';
import { grades } from '#shared/db/grades.ts';
import type { OnboardingPerson, OnboardingRecord } from '#shared/db/entities/onboarding.ts';
import { batchStatsIncrements } from '#shared/db/entities/stats.ts';
import {
  type WorkerHistoryEntry,
  workerHistoryOp,
  workerHistoryUndoOp,
} from '#shared/db/entities/worker-history.ts';
import { newId } from '#shared/db/ids.ts';
import {
  completeOnboardingOp,
  createOnboardingOp,
  findOnboarding,
  rollBackOnboardingOp,
} from '#shared/db/onboarding.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import {
  type FinalStep,
  fitsOneTransaction,
  type StepGroup,
  transactAllOrNothing,
} from '#shared/db/steps.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { parseNationalId } from '#shared/domain/national-id.ts';
import { type OnboardingRow, onboardedProbation } from '#shared/domain/onboarding.ts';
import { rootOf } from '#shared/domain/org-paths.ts';
import {
  activeStockCounters,
  certificatesCounter,
  tally,
  negated,
  type StatsCounters,
} from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { badRequest, conflict, notFound } from '#shared/errors.ts';
import { batchSeatOps } from '#shared/usecases/org-units.ts';
import { checkOnboardingRows } from '#shared/usecases/onboarding-checks.ts';
import { resolveOrgCells } from '#shared/usecases/org-unit-references.ts';
import { workers } from '#shared/db/workers.ts';

/** Most workers in one onboarding import (a city's serving staff: Qitaihe has about 1,000). */
export const MAX_ONBOARDING_ROWS = 2000;

/**
 * City-level HR only (the whole city must be their subtree); returns the city. Called before the
 * sheet is read, so a dry run by anyone else is a plain 403 too, not a preview.
 */
export function authorizeOnboarding(ctx: RequestContext): string {
  const city = rootOf(ctx.actor.org);
  authorize(ctx.actor, 'worker:onboard', { org: city });
  return city;
}

/** Durable batch kind of an import too big for one transaction (shared/db/batches.ts). */
const ONBOARDING_BATCH = 'onboarding';

/**
 * Onboarding an existing workforce (存量人员导入): a city-level HR officer records the city's serving
 * workers with their history, through the `onboarding` channel. Every row is checked first (the
 * person, the unit, the dates against each other and today, the grade in its post's band, the
 * certificate number unused, the step history consistent) and every problem is reported by row
 * (422 ONBOARDING_ROWS_REFUSED); then seats on every quota-holding ancestor (409 QUOTA_EXCEEDED
 * naming the full units). The import is written as one audited batch, all or nothing: one
 * transaction when it fits, otherwise a durable batch (seats first, then each worker with its
 * guard, grade entry, history and certificate number, then the counters) that a crash leaves
 * resumable or rolled back. Counters: hires by channel in each worker's hire year (as the
 * consistency checker recounts them), certificates in their registration year, stock figures now.
 */
export async function onboardWorkforce(
  store: Store,
  ctx: RequestContext,
  sheetRows: readonly OnboardingRow[],
  options: { dryRun?: boolean } = {},
): Promise<OnboardingRecord> {
  const city = authorizeOnboarding(ctx);
  if (sheetRows.length === 0) throw badRequest('The import is empty', null, 'VALIDATION_FAILED');
  if (sheetRows.length > MAX_ONBOARDING_ROWS)
    throw badRequest(
      `At most ${MAX_ONBOARDING_ROWS} workers per import`,
      { rows: sheetRows.length },
      'VALIDATION_FAILED',
    );
  const resumed = options.dryRun ? null : await resumeRequestBatch(store, ctx, ONBOARDING_BATCH);
  if (resumed) return loadOnboarding(store, resumed.subject.slice('onboarding:'.length));

  const today = shanghaiDate(ctx.now);
  // 所在单位 as an id or by name (东风社区第一网格), looked up in the city.
  const { rows: placed, ...placement } = await resolveOrgCells(store, city, sheetRows);
  const rows: readonly OnboardingRow[] = placed;
  const { steps, pay, recruitment } = await checkOnboardingRows(store, ctx, city, rows, today, placement);

  // Every quota-holding unit has room for everyone below it.
  const seats = await batchSeatOps(
    store,
    rows.map((r) => r.org),
    1,
  );
  const short = seats.needs.filter(({ unit, seats: n }) => (unit.available ?? 0) < n);
  if (short.length > 0)
    throw conflict(
      'QUOTA_EXCEEDED',
      `The import needs more seats than ${short.map((s) => s.unit.name).join(', ')} has free`,
      short.map(({ unit, seats: n }) => ({
        org: unit.id,
        name: unit.name,
        quota: unit.quota,
        used: unit.used,
        available: unit.available,
        requested: n,
      })),
    );
  const release = await batchSeatOps(
    store,
    rows.map((r) => r.org),
    -1,
  );

  const now = ctx.now.toISOString();
  const id = newId('ob');
  const actor = { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org };
  const workers: WorkerRecord[] = rows.map((r, i) => {
    const person = parseNationalId(r.nationalId);
    if (!person.ok) throw badRequest('invalid national id', { row: i + 1 }, 'VALIDATION_FAILED');
    return {
      id: newId('w'),
      name: r.name,
      nationalId: person.id,
      sex: person.sex,
      birthDate: person.birthDate,
      org: r.org,
      status: 'active',
      channel: 'onboarding',
      education: r.education,
      isPartyMember: r.isPartyMember,
      post: r.post,
      grade: r.grade,
      step: steps[i]!,
      gradeSince: r.gradeSince ?? r.hiredOn,
      gradeReason: 'onboarding',
      hiredOn: r.hiredOn,
      ...onboardedProbation(r, today),
      probationExtendedMonths: 0,
      contractEndsOn: r.contractEndsOn,
      // The term in force when the city adopted the system (earlier terms are not imported).
      contractTerms: [{ no: 1, startsOn: r.contractStartsOn ?? r.hiredOn, endsOn: r.contractEndsOn }],
      certificates: r.certificate ? [{ ...r.certificate, number: r.certificate.number.trim() }] : [],
      mentorIds: [],
      annualGrades: r.annualGrades,
      exit: null,
      source: {
        onboardingId: id,
        contractStartsOn: r.contractStartsOn ?? r.hiredOn,
        recruitmentPolicyVersion: recruitment.version,
      },
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
  const persons: OnboardingPerson[] = workers.map((w, i) => ({
    row: i + 1,
    workerId: w.id,
    name: w.name,
    nationalId: w.nationalId,
    org: w.org,
    post: w.post,
    grade: w.grade,
    hiredOn: w.hiredOn,
  }));
  const record: OnboardingRecord = {
    id,
    org: city,
    status: 'completed',
    count: workers.length,
    payPolicyVersion: pay.version,
    persons,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.actor.sub,
  };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return record;

  const seatGroups: StepGroup[] = seats.ops.map((op, i) => ({
    ops: [op],
    audit: [],
    undo: { ops: [release.ops[i]!], audit: [] },
  }));
  const workerGroups: StepGroup[] = workers.map((worker) => workerGroup(worker, id, now, actor));
  type Entries = { org: string; counters: StatsCounters }[];
  const byYear = new Map<string, Entries>();
  const flow = (year: string, org: string, counters: StatsCounters) =>
    byYear.set(year, [...(byYear.get(year) ?? []), { org, counters }]);
  for (const w of workers) {
    flow(w.hiredOn.slice(0, 4), w.org, { hires_onboarding: 1, hires_total: 1 });
    for (const cert of w.certificates)
      flow(
        cert.registeredOn.slice(0, 4),
        w.org,
        tally(['certificates_registered', 1], [certificatesCounter(cert.level), 1]),
      );
  }
  const stock: Entries = workers.map((w) => ({ org: w.org, counters: activeStockCounters(w, 1) }));
  const negate = (entries: Entries) =>
    entries.map(({ org, counters }) => ({
      org,
      counters: negated(counters),
    }));
  const counterGroups = (ops: WriteOp[], undo: WriteOp[]): StepGroup[] =>
    ops.map((op, i) => ({ ops: [op], audit: [], undo: { ops: [undo[i]!], audit: [] } }));
  const statsGroups = [
    ...[...byYear].flatMap(([year, entries]) =>
      counterGroups(batchStatsIncrements(entries, year), batchStatsIncrements(negate(entries), year)),
    ),
    ...counterGroups(batchStatsIncrements(stock), batchStatsIncrements(negate(stock))),
  ];

  const completedAudit = {
    entity: `onboarding:${id}`,
    org: city,
    action: 'onboarding.completed',
    after: { count: record.count, payPolicyVersion: pay.version, persons },
  };
  const groups = [...seatGroups, ...workerGroups, ...statsGroups];
  const spec = { kind: ONBOARDING_BATCH, org: city, subject: `onboarding:${id}` };
  const single: FinalStep = {
    ops: [createOnboardingOp(record)],
    audit: [completedAudit],
  };
  if (fitsOneTransaction(groups, single)) {
    await transactAllOrNothing(store, ctx, groups, single, spec);
    return record;
  }
  // Too big for one transaction: an in-progress record first, completed by the final step.
  const inProgress: StepGroup = {
    ops: [createOnboardingOp({ ...record, status: 'in-progress' })],
    audit: [],
    undo: {
      ops: [rollBackOnboardingOp(id, now)],
      audit: [
        {
          entity: `onboarding:${id}`,
          org: city,
          action: 'onboarding.rolled-back',
          after: { count: record.count },
        },
      ],
    },
  };
  await transactAllOrNothing(
    store,
    ctx,
    [inProgress, ...groups],
    {
      ops: [completeOnboardingOp(id, now)],
      audit: [completedAudit],
    },
    spec,
  );
  return record;
}

/** One worker's writes (record, national-id guard, grade entry, history, certificate number) and their undo. */
function workerGroup(
  worker: WorkerRecord,
  onboardingId: string,
  now: string,
  actor: { sub: string; role: string; org: string },
): StepGroup {
  const grade: GradeChangeRecord = {
    workerId: worker.id,
    effectiveOn: worker.gradeSince ?? worker.hiredOn,
    post: worker.post,
    grade: worker.grade,
    from: null,
    reason: 'onboarding',
    note: null,
    ref: `onboarding:${onboardingId}`,
    seq: worker.version,
    recordedAt: now,
    recordedBy: actor.sub,
  };
  const history: WorkerHistoryEntry = {
    workerId: worker.id,
    event: 'onboarded',
    at: now,
    effectiveOn: worker.hiredOn,
    org: worker.org,
    details: {
      channel: 'onboarding',
      onboardingId,
      post: worker.post,
      grade: worker.grade,
      gradeSince: worker.gradeSince,
    },
    actor,
  };
  return {
    ops: [
      ...workers.create(worker),
      grades.record(grade),
      workerHistoryOp(history),
      ...worker.certificates.map((cert) => certificateNumbers.claim(cert, worker.id, now)),
    ],
    audit: [{ entity: `worker:${worker.id}`, org: worker.org, action: 'worker.onboarded', after: worker }],
    undo: {
      ops: [
        ...workers.undoCreate(worker),
        grades.undoRecord(grade),
        workerHistoryUndoOp(history),
        ...worker.certificates.map((cert) => certificateNumbers.release(cert.number, worker.id)),
      ],
      audit: [
        {
          entity: `worker:${worker.id}`,
          org: worker.org,
          action: 'worker.onboarding-rolled-back',
          before: { onboardingId },
        },
      ],
    },
  };
}

async function loadOnboarding(store: Store, id: string) {
  const record = await findOnboarding(store, id);
  if (!record) throw notFound('onboarding', id);
  return record;
}

/** GET /v1/onboarding/{id}: the city's HR officers. */
export async function getOnboarding(store: Store, ctx: RequestContext, id: string) {
  const record = await loadOnboarding(store, id);
  authorize(ctx.actor, 'worker:onboard', { org: record.org }, { what: 'onboarding', id });
  return record;
}

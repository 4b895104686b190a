import { authorize, can } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { batchStatsIncrements } from '#shared/db/entities/stats.ts';
import type { TransferBatchRecord, TransferPerson } from '#shared/db/entities/transfer.ts';
import {
  type WorkerHistoryEntry,
  workerHistoryOp,
  workerHistoryUndoOp,
} from '#shared/db/entities/worker-history.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workers as workerRecords } from '#shared/db/workers.ts';
import {
  type FinalStep,
  fitsOneTransaction,
  type StepGroup,
  transactAllOrNothing,
} from '#shared/db/steps.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { commonAncestor } from '#shared/domain/org-paths.ts';
import { maskNationalId, parseNationalId } from '#shared/domain/national-id.ts';
import { initialStepState, mapGradeForPay } from '#shared/domain/pay.ts';
import { employmentTerms } from '#shared/domain/recruitment.ts';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '#shared/errors.ts';
import { orgCellError, resolveOrgCells } from '#shared/usecases/org-unit-references.ts';
import { batchSeatOps } from '#shared/usecases/org-units.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import type { TransferRow } from '#shared/domain/transfers.ts';
import { activeStockCounters, negated, type StatsCounters } from '#shared/domain/stats-counters.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';
import { newId } from '#shared/db/ids.ts';
import {
  completeTransferOp,
  createTransferOp,
  findTransfer,
  rollBackTransferOp,
  transfersPage,
} from '#shared/db/transfers.ts';

/** Most persons in one transfer batch (Qitaihe moved 240 at once). */
export const MAX_TRANSFER_PERSONS = 500;

/** Durable batch kind of a transfer too big for one transaction (shared/db/batches.ts). */
const TRANSFER_BATCH = 'transfer';

/** Org unit levels a transferred grid worker can be placed in. */
const PLACEMENT_LEVELS = new Set(['community', 'grid']);

/**
 * Bulk transfer of full-time grid workers (集中转任): every person becomes an active worker through
 * the transfer channel, at the lowest grade of their post's band whose pay (base + post allowance)
 * is not below their current pay (同工同酬: nobody earns less; if even the band's top pays less,
 * the batch is refused). All or nothing, and within every quota: everything is validated first,
 * then written in one transaction, or — beyond DynamoDB's 100 items — in undoable steps (seats for
 * the whole batch first, then the workers, then the counters; any failure undoes what was written).
 * Transferred workers serve no probation (they already serve: `probationEndsOn` is null) and get
 * the recruitment policy's contract term from the transfer date.
 */
export async function transferGridWorkers(
  store: Store,
  ctx: RequestContext,
  sheetRows: readonly TransferRow[],
  options: { effectiveOn?: string | undefined; dryRun?: boolean } = {},
) {
  if (sheetRows.length === 0) throw badRequest('The batch is empty', null, 'VALIDATION_FAILED');
  if (sheetRows.length > MAX_TRANSFER_PERSONS)
    throw badRequest(
      `At most ${MAX_TRANSFER_PERSONS} persons per transfer batch`,
      { rows: sheetRows.length },
      'VALIDATION_FAILED',
    );
  // 所在单位 as an id or by name (东风社区第一网格): names are looked up among the caller's units.
  const {
    rows: placed,
    problems: orgProblems,
    units,
  } = await resolveOrgCells(store, ctx.actor.org, sheetRows);
  const rows: readonly TransferRow[] = placed;
  const outside = rows.flatMap((r, i) =>
    orgProblems.has(i) || can(ctx.actor, 'worker:write', { org: r.org }) ? [] : [{ row: i + 1, org: r.org }],
  );
  if (outside.length > 0)
    throw forbidden(
      `${outside.length} person(s) would be placed outside your org unit (${ctx.actor.org})`,
      outside,
    );
  // A retry of a batch that a crash interrupted: finish it (or learn why it was rolled back).
  const resumed = options.dryRun ? null : await resumeRequestBatch(store, ctx, TRANSFER_BATCH);
  if (resumed) return loadTransfer(store, resumed.subject.slice('transfer:'.length));

  const today = shanghaiDate(ctx.now);
  const effectiveOn = options.effectiveOn ?? today;
  if (effectiveOn > today)
    throw unprocessable(
      'TRANSFER_DATE_IN_FUTURE',
      `Transferred workers are active from the moment of transfer: record it on or after ${effectiveOn}`,
      { effectiveOn, today },
    );

  // Same person twice in the batch.
  const nationalIds = rows.map((r) => {
    const parsed = parseNationalId(r.nationalId);
    if (!parsed.ok)
      throw badRequest('invalid national id', { nationalId: r.nationalId }, 'VALIDATION_FAILED');
    return parsed;
  });
  const firstRow = new Map<string, number>();
  const duplicates: { row: number; path: string; message: string }[] = [];
  nationalIds.forEach((p, i) => {
    const first = firstRow.get(p.id);
    if (first === undefined) firstRow.set(p.id, i + 1);
    else duplicates.push({ row: i + 1, path: 'nationalId', message: `the same person as row ${first}` });
  });
  if (duplicates.length > 0)
    throw badRequest(
      `${duplicates.length} row(s) repeat a person; nothing was saved`,
      duplicates,
      'VALIDATION_FAILED',
    );

  // Org units exist and are communities or grids (`units`: as resolving the cells read them).
  const badOrgs = rows.flatMap((r, i) => {
    const problem = orgProblems.get(i);
    if (problem) return [orgCellError(i + 1, problem)];
    const unit = units.get(r.org);
    if (!unit) return [{ row: i + 1, org: r.org, code: 'UNKNOWN_ORG_UNIT', message: `no org unit ${r.org}` }];
    if (!PLACEMENT_LEVELS.has(unit.level))
      return [
        {
          row: i + 1,
          org: r.org,
          code: 'NOT_A_PLACEMENT_UNIT',
          message: `workers are placed in a community or grid, not a ${unit.level}`,
        },
      ];
    return [];
  });
  if (badOrgs.length > 0)
    throw unprocessable('INVALID_PLACEMENT', `${badOrgs.length} row(s) name no community or grid`, badOrgs);

  // Nobody may already be an active worker.
  const activeBy = await workerRecords.activeIdsFor(
    store,
    nationalIds.map((p) => p.id),
  );
  const active = nationalIds.flatMap((p, i) =>
    activeBy.has(p.id)
      ? [{ row: i + 1, nationalId: maskNationalId(p.id), workerId: activeBy.get(p.id) }]
      : [],
  );
  if (active.length > 0)
    throw conflict(
      'ALREADY_ACTIVE_WORKER',
      `${active.length} person(s) are already active workers; nothing was saved`,
      active,
    );

  // Pay never drops.
  const [pay, recruitmentPolicy] = await Promise.all([
    // Every row lies in the caller's subtree (checked above), so in the caller's city.
    policyAt(store, ctx.actor.org, 'pay', effectiveOn),
    policyAt(store, ctx.actor.org, 'recruitment', effectiveOn),
  ]);
  const mappings = rows.map((r) => mapGradeForPay(r.post, r.currentMonthlyPayFen, pay.document));
  const dropping = mappings.flatMap((m, i) =>
    m.shortfallFen > 0
      ? [
          {
            row: i + 1,
            post: rows[i]!.post,
            currentMonthlyPayFen: rows[i]!.currentMonthlyPayFen,
            topGrade: m.grade,
            topGradePayFen: m.payFen,
            shortfallFen: m.shortfallFen,
          },
        ]
      : [],
  );
  if (dropping.length > 0)
    throw unprocessable(
      'PAY_WOULD_DROP',
      `${dropping.length} person(s) earn more today than the top of their post's band pays (${pay.version}); nothing was saved`,
      dropping,
    );

  // Every quota-holding unit must have room for everyone below it.
  const seats = await batchSeatOps(
    store,
    rows.map((r) => r.org),
    1,
  );
  const short = seats.needs.filter(({ unit, seats: n }) => (unit.available ?? 0) < n);
  if (short.length > 0)
    throw conflict(
      'QUOTA_EXCEEDED',
      `The batch needs more seats than ${short.map((s) => s.unit.name).join(', ')} ha${short.length > 1 ? 've' : 's'} free`,
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
  const batchId = newId('t');
  // No probation: `probationEndsOn` null (docs/RULES.md, `pay`: a transferred worker serves none).
  const terms = employmentTerms(effectiveOn, { ...recruitmentPolicy.document, probationMonths: 0 });
  const actor = { sub: ctx.actor.sub, role: ctx.actor.role, org: ctx.actor.org };
  const workers: WorkerRecord[] = rows.map((r, i) => {
    const grade = mappings[i]!.grade;
    const id = nationalIds[i]!;
    return {
      id: newId('w'),
      name: r.name,
      nationalId: id.id,
      sex: id.sex,
      birthDate: id.birthDate,
      org: r.org,
      status: 'active',
      channel: 'transfer',
      education: r.education,
      isPartyMember: r.isPartyMember ?? false,
      post: r.post,
      grade,
      step: initialStepState(grade),
      hiredOn: effectiveOn,
      ...terms,
      certificates: [],
      mentorIds: [],
      annualGrades: {},
      exit: null,
      source: {
        transferBatchId: batchId,
        previousMonthlyPayFen: r.currentMonthlyPayFen,
        mappedMonthlyPayFen: mappings[i]!.payFen,
        payPolicyVersion: pay.version,
      },
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  });
  const persons: TransferPerson[] = workers.map((w, i) => ({
    row: i + 1,
    workerId: w.id,
    name: w.name,
    nationalId: w.nationalId,
    org: w.org,
    post: w.post,
    grade: w.grade,
    payFen: mappings[i]!.payFen,
    previousPayFen: rows[i]!.currentMonthlyPayFen,
  }));
  const batch: TransferBatchRecord = {
    id: batchId,
    org: commonAncestor([...new Set(rows.map((r) => r.org))]),
    status: 'completed',
    effectiveOn,
    payPolicyVersion: pay.version,
    recruitmentPolicyVersion: recruitmentPolicy.version,
    count: workers.length,
    persons,
    failure: null,
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.actor.sub,
  };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return batch;

  const seatGroups: StepGroup[] = seats.ops.map((op, i) => ({
    ops: [op],
    audit: [],
    undo: { ops: [release.ops[i]!], audit: [] },
  }));
  const workerGroups: StepGroup[] = workers.map((worker) => {
    const history: WorkerHistoryEntry = {
      workerId: worker.id,
      event: 'transferred-in',
      at: now,
      effectiveOn,
      org: worker.org,
      details: {
        channel: 'transfer',
        transferBatchId: batchId,
        post: worker.post,
        grade: worker.grade,
        previousMonthlyPayFen: worker.source.previousMonthlyPayFen,
        payFen: worker.source.mappedMonthlyPayFen,
      },
      actor,
    };
    return {
      ops: [...workerRecords.create(worker), workerHistoryOp(history)],
      audit: [
        { entity: `worker:${worker.id}`, org: worker.org, action: 'worker.transferred-in', after: worker },
      ],
      undo: {
        ops: [...workerRecords.undoCreate(worker), workerHistoryUndoOp(history)],
        audit: [
          {
            entity: `worker:${worker.id}`,
            org: worker.org,
            action: 'worker.transfer-rolled-back',
            before: { transferBatchId: batchId },
          },
        ],
      },
    };
  });
  const year = Number(effectiveOn.slice(0, 4));
  type Entries = { org: string; counters: StatsCounters }[];
  const flows: Entries = workers.map((w) => ({
    org: w.org,
    counters: { hires_transfer: 1, hires_total: 1 },
  }));
  const stock: Entries = workers.map((w) => ({ org: w.org, counters: activeStockCounters(w, 1) }));
  const negate = (entries: Entries) =>
    entries.map(({ org, counters }) => ({
      org,
      counters: negated(counters),
    }));
  const counterGroups = (ops: WriteOp[], undo: WriteOp[]): StepGroup[] =>
    ops.map((op, i) => ({ ops: [op], audit: [], undo: { ops: [undo[i]!], audit: [] } }));
  const statsGroups = [
    ...counterGroups(batchStatsIncrements(flows, year), batchStatsIncrements(negate(flows), year)),
    ...counterGroups(batchStatsIncrements(stock), batchStatsIncrements(negate(stock))),
  ];

  const completedAudit = {
    entity: `transfer:${batchId}`,
    org: batch.org,
    action: 'transfer.completed',
    after: { effectiveOn, count: batch.count, payPolicyVersion: pay.version, persons },
  };
  const groups = [...seatGroups, ...workerGroups, ...statsGroups];
  const batchSpec = { kind: TRANSFER_BATCH, org: batch.org, subject: `transfer:${batchId}` };
  const single: FinalStep = {
    ops: [createTransferOp(batch)],
    audit: [completedAudit],
  };
  if (fitsOneTransaction(groups, single)) {
    await transactAllOrNothing(store, ctx, groups, single, batchSpec);
    return batch;
  }
  // Too big for one transaction: an in-progress record first (with the seats), completed last.
  const inProgress: StepGroup = {
    ops: [createTransferOp({ ...batch, status: 'in-progress' })],
    audit: [],
    undo: {
      ops: [rollBackTransferOp(batchId, now)],
      audit: [
        {
          entity: `transfer:${batchId}`,
          org: batch.org,
          action: 'transfer.rolled-back',
          after: { count: batch.count },
        },
      ],
    },
  };
  await transactAllOrNothing(
    store,
    ctx,
    [inProgress, ...groups],
    {
      ops: [completeTransferOp(batchId, now)],
      audit: [completedAudit],
    },
    batchSpec,
  );
  return batch;
}

async function loadTransfer(store: Store, id: string) {
  const batch = await findTransfer(store, id);
  if (!batch) throw notFound('transfer', id);
  return batch;
}

export async function getTransfer(store: Store, ctx: RequestContext, id: string) {
  const batch = await loadTransfer(store, id);
  authorize(ctx.actor, 'worker:list', { org: batch.org }, { what: 'transfer', id });
  return batch;
}

/** Transfer batches in an org subtree (Query ByCollection TRANSFERS#<city>, the org path's key range: `subtreeQuery`). */
export async function listTransfers(
  store: Store,
  ctx: RequestContext,
  org: string,
  cursor?: string,
  limit = 50,
) {
  authorize(ctx.actor, 'worker:list', { org });
  const page = await transfersPage(store, org, cursor, limit);
  return {
    items: page.items.map(({ persons: _persons, ...summary }) => summary),
    cursor: page.cursor,
  };
}

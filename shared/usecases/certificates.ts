import { authorize, can } from '#shared/auth/authorize.ts';
import { resumeRequestBatch } from '#shared/db/batches.ts';
import { type StepGroup, transactAllOrNothing } from '#shared/db/steps.ts';
import { commonAncestor } from '#shared/domain/org-paths.ts';
import type { RequestContext } from '#shared/context.ts';
import { certificateHolders, type HeldLevel } from '#shared/db/certificate-holders.ts';
import { certificateNumbers } from '#shared/db/certificate-numbers.ts';
import { normaliseCertificateNumber } from '#shared/db/entities/certificate.ts';
import { batchStatsIncrements, currentIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import type { Store, WriteOp } from '#shared/db/store.ts';
import { workerNotActive, workers as workerData } from '#shared/db/workers.ts';
import {
  type CertificateAllowancesFen,
  type CertificateLevel,
  certificateAllowanceFen,
  certificateLevelNames,
  certificateLevels,
  certificateRank,
  highestCertificate,
} from '#shared/domain/certificates.ts';
import { shanghaiDate } from '#shared/domain/dates.ts';
import { badRequest, conflict, unprocessable } from '#shared/errors.ts';
import { policyAt } from '#shared/usecases/policies.ts';
import { retryOnStale, stale } from '#shared/usecases/stale-read.ts';
import {
  loadWorker,
  readableWorkerResource,
  workerLookup,
  workerResource,
} from '#shared/usecases/workers.ts';
import {
  CERTIFIED_ACTIVE,
  certificatesCounter,
  negated,
  type StatsCounters,
  tally,
} from '#shared/domain/stats-counters.ts';
import type { WorkerCertificate, WorkerRecord } from '#shared/domain/workers.ts';

export interface RecordCertificateInput {
  level: CertificateLevel;
  number: string;
  issuedOn: string;
  registeredOn: string;
}

/**
 * POST /v1/workers/{id}/certificates (HR of the subtree). The number is unique city-wide (a guard
 * item, 409 DUPLICATE_CERTIFICATE); registration can't precede issue (400) nor be in the future
 * (422). The certificate is appended to the worker's record under its version, in the same
 * transaction as the guard, the year's counters and (first certificate) `certified_active`.
 */
export async function recordCertificate(
  store: Store,
  ctx: RequestContext,
  workerId: string,
  input: RecordCertificateInput,
) {
  if (input.registeredOn < input.issuedOn) {
    throw badRequest(
      'A certificate is registered on or after the day it was issued',
      [{ path: 'registeredOn', message: `before issuedOn ${input.issuedOn}` }],
      'VALIDATION_FAILED',
    );
  }
  const today = shanghaiDate(ctx.now);
  const number = input.number.trim();
  return retryOnStale(async () => {
    const worker = await loadWorker(store, workerId);
    authorize(ctx.actor, 'certificate:write', workerResource(worker), workerLookup(worker.id));
    if (input.registeredOn > today) {
      throw unprocessable('REGISTRATION_IN_FUTURE', `A registration date can't be after today (${today})`, {
        registeredOn: input.registeredOn,
        today,
      });
    }
    if (worker.status !== 'active') throw workerNotActive(worker);
    if (await certificateNumbers.isTaken(store, number)) throw certificateNumbers.duplicate(number);
    const certificate: WorkerCertificate = {
      level: input.level,
      number,
      issuedOn: input.issuedOn,
      registeredOn: input.registeredOn,
    };
    const first = worker.certificates.length === 0;
    await store.transact(
      ctx,
      [
        certificateNumbers.claim(certificate, worker.id, ctx.now.toISOString()),
        workerData.appendCertificates(worker, [certificate], ctx.now.toISOString(), stale),
        ...statsIncrements(
          worker.org,
          input.registeredOn.slice(0, 4),
          tally(['certificates_registered', 1], [certificatesCounter(input.level), 1]),
        ),
        ...(first ? currentIncrements(worker.org, { [CERTIFIED_ACTIVE]: 1 }) : []),
      ],
      [
        {
          entity: `worker:${worker.id}`,
          org: worker.org,
          action: 'worker.certificate-recorded',
          before: { certificates: worker.certificates },
          after: { certificate },
        },
      ],
    );
    const allowances = await policyAt(store, worker.org, 'pay', today);
    return certificatesView(
      { ...worker, certificates: [...worker.certificates, certificate] },
      today,
      allowances.document.certificateAllowanceFen,
      allowances.version,
    );
  });
}

/** GET /v1/workers/{id}/certificates: HR of the subtree, the worker, their mentor. */
export async function workerCertificates(store: Store, ctx: RequestContext, workerId: string) {
  const worker = await loadWorker(store, workerId);
  authorize(
    ctx.actor,
    'worker:read',
    await readableWorkerResource(store, ctx, worker),
    workerLookup(worker.id),
  );
  const today = shanghaiDate(ctx.now);
  const pay = await policyAt(store, worker.org, 'pay', today);
  return certificatesView(worker, today, pay.document.certificateAllowanceFen, pay.version);
}

/** Which holders a list shows: with a certificate (any level, or `level`), without one, or all. */
export interface CertificateHoldersQuery {
  org: string;
  holding?: 'certified' | 'uncertified' | undefined;
  level?: CertificateLevel | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

/**
 * GET /v1/certificates (HR of the subtree): the subtree's active workers with the highest
 * certificate each holds and the monthly allowance it earns under the pay policy in force,
 * filtered by holding and level on the ByCertification index (one Query per level asked for,
 * never a filtered page), ordered by org path and paged by cursor.
 */
export async function listCertificateHolders(
  store: Store,
  ctx: RequestContext,
  query: CertificateHoldersQuery,
) {
  authorize(ctx.actor, 'worker:list', { org: query.org });
  if (query.level && query.holding === 'uncertified') {
    throw badRequest(
      'A certificate level lists holders of that level, not workers without a certificate',
      [{ path: 'level', message: 'not with holding=uncertified' }],
      'VALIDATION_FAILED',
    );
  }
  const levels: HeldLevel[] = query.level
    ? [query.level]
    : query.holding === 'certified'
      ? [...certificateLevels]
      : query.holding === 'uncertified'
        ? ['none']
        : ['none', ...certificateLevels];
  const today = shanghaiDate(ctx.now);
  const [page, pay] = await Promise.all([
    certificateHolders.page(store, {
      org: query.org,
      levels,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    }),
    policyAt(store, query.org, 'pay', today),
  ]);
  const allowances = pay.document.certificateAllowanceFen;
  return {
    items: page.items.map((worker) => {
      const highest = highestCertificate(worker.certificates, today);
      return {
        workerId: worker.id,
        name: worker.name,
        org: worker.org,
        certificates: worker.certificates.length,
        highest: highest ? { ...highest, levelName: certificateLevelNames[highest.level] } : null,
        monthlyAllowanceFen: certificateAllowanceFen(worker.certificates, today.slice(0, 7), allowances),
      };
    }),
    policyVersion: pay.version,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * The certificates with what they mean: only the highest level counts, and its allowance is paid
 * from the month of its registration. `schedule` lists each month the paid level rises.
 */
export function certificatesView(
  worker: Pick<WorkerRecord, 'id' | 'certificates'>,
  today: string,
  allowanceByLevelFen: CertificateAllowancesFen,
  policyVersion: string,
) {
  const items = [...worker.certificates].sort((a, b) =>
    a.registeredOn === b.registeredOn
      ? certificateRank(a.level) - certificateRank(b.level)
      : a.registeredOn < b.registeredOn
        ? -1
        : 1,
  );
  const highest = highestCertificate(items, today);
  const schedule: { fromMonth: string; level: CertificateLevel; monthlyFen: number }[] = [];
  let best: CertificateLevel | undefined;
  for (const cert of items) {
    if (best && certificateRank(cert.level) <= certificateRank(best)) continue;
    best = cert.level;
    const fromMonth = cert.registeredOn.slice(0, 7);
    const step = { fromMonth, level: cert.level, monthlyFen: allowanceByLevelFen[cert.level] };
    if (schedule.at(-1)?.fromMonth === fromMonth) schedule[schedule.length - 1] = step;
    else schedule.push(step);
  }
  return {
    workerId: worker.id,
    items: items.map((c) => ({ ...c, levelName: certificateLevelNames[c.level] })),
    highest: highest ? { ...highest, levelName: certificateLevelNames[highest.level] } : null,
    allowanceFromMonth: schedule[0]?.fromMonth ?? null,
    currentLevelFromMonth: highest
      ? (schedule.find((s) => s.level === highest.level)?.fromMonth ?? null)
      : null,
    monthlyAllowanceFen: certificateAllowanceFen(items, today.slice(0, 7), allowanceByLevelFen),
    schedule,
    policyVersion,
  };
}

// ----------------------------------------------------------------------------------------------
// Bulk: a certificate sheet (证书登记表)

export const CERTIFICATES_BATCH = 'certificates';

/** A sheet row: the worker by id or by 身份证号 (the active worker holding it), and the certificate. */
export interface CertificateRow extends RecordCertificateInput {
  workerId?: string | undefined;
  nationalId?: string | undefined;
}

export interface CertificatesRecorded {
  recorded: number;
  certificates: {
    row: number;
    workerId: string;
    name: string;
    level: CertificateLevel;
    number: string;
    registeredOn: string;
  }[];
}

/**
 * POST /v1/certificates: many workers' certificates from one sheet (rows already resolved to
 * worker ids). Every row is checked as a single registration is (the worker active and in the
 * caller's subtree, registration not before issue nor after today, the number new city-wide and
 * not twice in the sheet); any refused row → 422 CERTIFICATES_REJECTED listing every one, nothing
 * saved. Written with the number guards, each worker's certificates appended under its version,
 * the year's counters and `certified_active`, all or nothing (a durable batch when it needs more
 * than one transaction).
 */
export async function recordCertificates(
  store: Store,
  ctx: RequestContext,
  rows: readonly CertificateRow[],
  options: { dryRun?: boolean } = {},
): Promise<CertificatesRecorded> {
  // Roles without the grant are refused before any row is read; HR officers row by row.
  authorize(ctx.actor, 'certificate:write', { org: ctx.actor.org });
  const resumed = options.dryRun ? null : await resumeRequestBatch(store, ctx, CERTIFICATES_BATCH);
  if (resumed?.result !== undefined) return resumed.result as CertificatesRecorded;
  const today = shanghaiDate(ctx.now);
  // 身份证号 → the active worker holding it. One unknown is refused like one outside the caller's
  // subtree (ROW_WORKER_NOT_HERE), so the answer never tells whether the person works elsewhere.
  const nationalIds = [
    ...new Set(rows.flatMap((r) => (r.workerId === undefined && r.nationalId ? [r.nationalId] : []))),
  ];
  const holders = await workerData.activeIdsFor(store, nationalIds);
  const workerIdOf = (row: CertificateRow) => row.workerId ?? holders.get(row.nationalId ?? '') ?? '';
  const workerIds = [...new Set(rows.map(workerIdOf).filter((id) => id !== ''))];
  const workers = await workerData.getMany(store, workerIds);
  const taken = await certificateNumbers.taken(
    store,
    rows.map((r) => r.number),
  );
  const failures: { row: number; path: string; code: string; message: string; firstRow?: number }[] = [];
  const firstRowOf = new Map<string, number>();
  const accepted: { row: number; worker: WorkerRecord; certificate: WorkerCertificate }[] = [];
  for (const [i, input] of rows.entries()) {
    const row = i + 1;
    const fail = (path: string, code: string, message: string, extra: { firstRow?: number } = {}) =>
      failures.push({ row, path, code, message, ...extra });
    const worker = workers.get(workerIdOf(input));
    if (!worker || !can(ctx.actor, 'certificate:write', workerResource(worker))) {
      fail('workerId', 'ROW_WORKER_NOT_HERE', 'No such worker in your subtree');
      continue;
    }
    if (worker.status !== 'active') {
      fail('workerId', 'WORKER_NOT_ACTIVE', `Worker ${worker.id} is not active`);
      continue;
    }
    if (input.registeredOn < input.issuedOn) {
      fail('registeredOn', 'REGISTERED_BEFORE_ISSUED', 'Registered before it was issued');
      continue;
    }
    if (input.registeredOn > today) {
      fail('registeredOn', 'REGISTRATION_IN_FUTURE', `A registration date can't be after today (${today})`);
      continue;
    }
    const number = input.number.trim();
    const key = normaliseCertificateNumber(number);
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      fail('number', 'ROW_REPEATS_ROW', `repeats row ${first}`, { firstRow: first });
      continue;
    }
    firstRowOf.set(key, row);
    if (taken.has(key)) {
      fail('number', 'DUPLICATE_CERTIFICATE', `Certificate number ${number} is already recorded`);
      continue;
    }
    accepted.push({
      row,
      worker,
      certificate: { level: input.level, number, issuedOn: input.issuedOn, registeredOn: input.registeredOn },
    });
  }
  if (failures.length > 0)
    throw unprocessable(
      'CERTIFICATES_REJECTED',
      `${new Set(failures.map((f) => f.row)).size} row(s) can't be recorded; nothing was saved`,
      failures,
    );
  const result: CertificatesRecorded = {
    recorded: accepted.length,
    certificates: accepted.map(({ row, worker, certificate }) => ({
      row,
      workerId: worker.id,
      name: worker.name,
      level: certificate.level,
      number: certificate.number,
      registeredOn: certificate.registeredOn,
    })),
  };
  // A dry run (the console's preview) stops here: every rule checked, nothing written.
  if (options.dryRun) return result;

  const now = ctx.now.toISOString();
  const byWorker = new Map<string, { worker: WorkerRecord; certificates: WorkerCertificate[] }>();
  for (const { worker, certificate } of accepted) {
    const entry = byWorker.get(worker.id) ?? { worker, certificates: [] };
    entry.certificates.push(certificate);
    byWorker.set(worker.id, entry);
  }
  const workerGroups: StepGroup[] = [...byWorker.values()].map(({ worker, certificates }) => ({
    ops: [
      ...certificates.map((certificate) => certificateNumbers.claim(certificate, worker.id, now)),
      workerData.appendCertificates(worker, certificates, now, () =>
        conflict('CONCURRENT_UPDATE', `Worker ${worker.id} changed meanwhile; upload the sheet again`),
      ),
    ],
    audit: [
      {
        entity: `worker:${worker.id}`,
        org: worker.org,
        action: 'worker.certificate-recorded',
        before: { certificates: worker.certificates },
        after: { certificates },
      },
    ],
    undo: {
      ops: [
        ...certificates.map((certificate) => certificateNumbers.release(certificate.number, worker.id)),
        // Back to the list before the upload (a rollback follows within minutes of the upload).
        workerData.restoreCertificates(worker),
      ],
      audit: [
        {
          entity: `worker:${worker.id}`,
          org: worker.org,
          action: 'worker.certificate-upload-undone',
          before: { certificates },
        },
      ],
    },
  }));
  // Counters: per registration year and unit chain, summed (a transaction touches an item once).
  const flowsByYear = new Map<string, { org: string; counters: StatsCounters }[]>();
  for (const { worker, certificate } of accepted) {
    const year = certificate.registeredOn.slice(0, 4);
    const list = flowsByYear.get(year) ?? [];
    list.push({
      org: worker.org,
      counters: tally(['certificates_registered', 1], [certificatesCounter(certificate.level), 1]),
    });
    flowsByYear.set(year, list);
  }
  const stock = [...byWorker.values()]
    .filter(({ worker }) => worker.certificates.length === 0)
    .map(({ worker }) => ({ org: worker.org, counters: { [CERTIFIED_ACTIVE]: 1 } }));
  const negate = (entries: { org: string; counters: StatsCounters }[]) =>
    entries.map(({ org, counters }) => ({ org, counters: negated(counters) }));
  const counterGroups = (ops: WriteOp[], undo: WriteOp[]): StepGroup[] =>
    ops.map((op, i) => ({ ops: [op], audit: [], undo: { ops: [undo[i]!], audit: [] } }));
  const statsGroups = [
    ...[...flowsByYear].flatMap(([year, flows]) =>
      counterGroups(batchStatsIncrements(flows, year), batchStatsIncrements(negate(flows), year)),
    ),
    ...counterGroups(batchStatsIncrements(stock), batchStatsIncrements(negate(stock))),
  ];
  await transactAllOrNothing(
    store,
    ctx,
    [...workerGroups, ...statsGroups],
    {
      ops: [],
      audit: [
        {
          entity: `certificate-upload:${ctx.requestId}`,
          org: commonAncestor(accepted.map((a) => a.worker.org)),
          action: 'certificates.uploaded',
          after: { recorded: accepted.length, workers: byWorker.size },
        },
      ],
    },
    {
      kind: CERTIFICATES_BATCH,
      org: commonAncestor(accepted.map((a) => a.worker.org)),
      subject: `certificate-upload:${ctx.requestId}`,
      result,
    },
  );
  return result;
}

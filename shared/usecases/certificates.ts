import { authorize } from '#shared/auth/authorize.ts';
import type { RequestContext } from '#shared/context.ts';
import { certificateNumberKeys, normaliseCertificateNumber } from '#shared/db/entities/certificate.ts';
import { currentIncrements, statsIncrements } from '#shared/db/entities/stats.ts';
import { workerKeys } from '#shared/db/entities/worker.ts';
import type { Store } from '#shared/db/store.ts';
import {
  type CertificateAllowancesFen,
  type CertificateLevel,
  certificateAllowanceFen,
  certificateLevelNames,
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
import { CERTIFIED_ACTIVE } from '#shared/domain/stats-counters.ts';
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
    if (worker.status !== 'active') {
      throw unprocessable('WORKER_NOT_ACTIVE', `Worker ${worker.id} is no longer an active worker`, {
        status: worker.status,
      });
    }
    const duplicate = () =>
      conflict('DUPLICATE_CERTIFICATE', `Certificate number ${number} is already recorded`, { number });
    if (await store.get(certificateNumberKeys.key(number))) throw duplicate();
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
        {
          Put: {
            Item: {
              ...certificateNumberKeys.key(number),
              type: 'certificate-number',
              number: normaliseCertificateNumber(number),
              workerId: worker.id,
              level: input.level,
              registeredOn: input.registeredOn,
              recordedAt: ctx.now.toISOString(),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
          onConditionFailed: duplicate,
        },
        {
          Update: {
            Key: workerKeys.key(worker.id),
            UpdateExpression:
              'SET certificates = list_append(if_not_exists(certificates, :empty), :cert), version = version + :one, updatedAt = :now',
            ConditionExpression: 'version = :v AND #status = :active',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':empty': [],
              ':cert': [certificate],
              ':one': 1,
              ':now': ctx.now.toISOString(),
              ':v': worker.version,
              ':active': 'active',
            },
          },
          onConditionFailed: stale,
        },
        ...statsIncrements(worker.org, input.registeredOn.slice(0, 4), {
          certificates_registered: 1,
          [`certificates_${input.level}`]: 1,
        }),
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

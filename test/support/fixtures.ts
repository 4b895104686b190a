import { randomUUID } from 'node:crypto';
import { systemContext } from '#shared/context.ts';
import { withCheckDigit } from '#shared/domain/national-id.ts';
import { initialStepState } from '#shared/domain/pay.ts';
import { newWorkerOps } from '#shared/usecases/workers.ts';
import type { Harness } from './harness.ts';
import type { WorkerRecord } from '#shared/domain/workers.ts';

let serial = 0;

/** A valid, unique GB 11643 national id for a person born on `birthDate`. */
export function nationalIdFor(birthDate = '1995-06-15', region = '230902'): string {
  serial = (serial + 1) % 1000;
  return withCheckDigit(`${region}${birthDate.replace(/-/g, '')}${String(serial).padStart(3, '0')}`);
}

/**
 * Puts an active worker straight into the store through the same write ops hiring uses (seat,
 * national-id guard, counters), for tests of features that need workers but not the hiring flow.
 */
export async function seedWorker(h: Harness, overrides: Partial<WorkerRecord> = {}): Promise<WorkerRecord> {
  const grade = overrides.grade ?? 3;
  const worker: WorkerRecord = {
    id: `w_${randomUUID().slice(0, 12)}`,
    name: '测试社工',
    nationalId: nationalIdFor(overrides.birthDate ?? '1995-06-15'),
    sex: 'female',
    birthDate: '1995-06-15',
    org: 'qth/xinxing/hongqi/c1/g1',
    status: 'active',
    channel: 'open-recruitment',
    education: 'college',
    isPartyMember: false,
    post: 'staff',
    grade,
    step: initialStepState(grade),
    hiredOn: '2025-03-01',
    probationEndsOn: '2026-02-28',
    contractEndsOn: '2028-02-29',
    certificates: [],
    mentorIds: [],
    annualGrades: {},
    exit: null,
    source: { seeded: true },
    createdAt: h.now().toISOString(),
    updatedAt: h.now().toISOString(),
    version: 1,
    ...overrides,
  };
  const ctx = systemContext('test-seed', h.now(), 'qth');
  await h.store.transact(ctx, await newWorkerOps(h.store, worker, Number(worker.hiredOn.slice(0, 4))), [
    { entity: `worker:${worker.id}`, org: worker.org, action: 'worker.seeded', after: worker },
  ]);
  return worker;
}

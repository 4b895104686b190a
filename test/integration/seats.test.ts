import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '#shared/context.ts';
import { AppError } from '#shared/errors.ts';
import { loadOrgUnit, seatOps } from '#shared/usecases/org-units.ts';
import { seedWorker } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await seedOrgTree(h, { communityQuota: 10 });
});
afterAll(async () => h?.stop());

const takeSeat = async (org: string, i: number) => {
  const ctx = { ...systemContext('seat-test', h.now(), 'qth'), requestId: `seat-${i}` };
  await h.store.transact(ctx, await seatOps(h.store, org, 1), [
    { entity: `seat-test:${i}`, org, action: 'seat.taken' },
  ]);
};

describe('seats on every quota-holding ancestor', () => {
  it('50 concurrent takes against a quota of 10: exactly 10 succeed, on every ancestor', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => takeSeat('qth/xinxing/hongqi/c1/g1', i)),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled').length;
    expect(succeeded).toBe(10);
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason);
    expect(failures.every((e) => e instanceof AppError && e.status === 409)).toBe(true);
    expect(failures.some((e) => (e as AppError).code === 'QUOTA_EXCEEDED')).toBe(true);
    const community = await loadOrgUnit(h.store, 'qth/xinxing/hongqi/c1');
    expect(community).toMatchObject({ used: 10, available: 0 });
    // The grid holds no quota; street, district and city each counted the same 10 seats.
    expect((await loadOrgUnit(h.store, 'qth/xinxing/hongqi/c1/g1')).used).toBe(0);
    expect((await loadOrgUnit(h.store, 'qth/xinxing/hongqi')).used).toBe(10);
    expect((await loadOrgUnit(h.store, 'qth/xinxing')).used).toBe(10);
    expect((await loadOrgUnit(h.store, 'qth')).used).toBe(10);
  });

  it('releasing frees the seat at every level, and never below zero', async () => {
    const ctx = systemContext('seat-test', h.now(), 'qth');
    await h.store.transact(ctx, await seatOps(h.store, 'qth/xinxing/hongqi/c1', -1), [
      { entity: 'seat-test:release', org: 'qth', action: 'seat.released' },
    ]);
    expect(await loadOrgUnit(h.store, 'qth/xinxing/hongqi/c1')).toMatchObject({ used: 9, available: 1 });
    expect((await loadOrgUnit(h.store, 'qth')).used).toBe(9);
    const overRelease = await seatOps(h.store, 'qth/taoshan/taoxi/c2', -1);
    await expect(h.store.transact(ctx, overRelease, [])).rejects.toMatchObject({ code: 'SEAT_ACCOUNTING' });
    expect((await loadOrgUnit(h.store, 'qth/taoshan/taoxi/c2')).used).toBe(0);
  });

  it('a full ancestor blocks the hire even when the unit itself has room, and nothing is written', async () => {
    const street = await loadOrgUnit(h.store, 'qth/taoshan/taoxi');
    // The community has 10 free seats; an approved quota of 0 on the street above it must still block.
    const hr = await h.client('hr', 'qth');
    await hr.patch(`/v1/org-units/${encodeURIComponent(street.id)}`, {
      approvedQuota: 0,
      expectedVersion: street.version,
    });
    await expect(seedWorker(h, { org: 'qth/taoshan/taoxi/c2/g1' })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { org: 'qth/taoshan/taoxi' },
    });
    expect((await loadOrgUnit(h.store, 'qth/taoshan/taoxi/c2')).used).toBe(0);
    expect((await loadOrgUnit(h.store, 'qth')).used).toBe(9);
  });
});

import { describe, expect, it } from 'vitest';
import { orgAt } from '#shared/domain/placement.ts';

const A = 'qth/xinxing/hongqi/c1/g1';
const B = 'qth/taoshan/taoxi/c2';
const C = 'qth/taoshan/taoxi/c2/g1';
// Recorded out of order on purpose: the history is read newest first in places.
const moves = [
  { at: '2026-05-01T02:00:00.000Z', from: B, to: C },
  { at: '2026-03-01T02:00:00.000Z', from: A, to: B },
];

describe('orgAt: the unit a worker served in at an instant', () => {
  it('is the current unit for a worker who never moved', () => {
    expect(orgAt(C, [], '2026-01-01T00:00:00.000Z')).toBe(C);
    expect(orgAt(C, [])).toBe(C);
  });
  it('is the first unit without an instant (where the worker was hired)', () => {
    expect(orgAt(C, moves)).toBe(A);
  });
  it('follows each move by its recorded instant', () => {
    expect(orgAt(C, moves, '2026-02-28T23:59:59.999Z')).toBe(A);
    expect(orgAt(C, moves, '2026-03-01T02:00:00.000Z')).toBe(B);
    expect(orgAt(C, moves, '2026-04-15T00:00:00.000Z')).toBe(B);
    expect(orgAt(C, moves, '2026-05-01T02:00:00.001Z')).toBe(C);
  });
});

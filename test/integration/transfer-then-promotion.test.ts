import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalIdFor } from '../support/fixtures.ts';
import { type Harness, seedOrgTree, startHarness } from '../support/harness.ts';

/**
 * 同工同酬 end to end through the real endpoints: a grid worker comes in by bulk transfer, is later
 * promoted into the party committee and then made secretary; at no month does pay drop below the
 * pay they had before the transfer, and earlier months keep their earlier grade.
 */
let h: Harness;
let hr: Awaited<ReturnType<Harness['client']>>;

beforeAll(async () => {
  h = await startHarness({ now: '2026-02-10T02:00:00.000Z' });
  ({ hr } = await seedOrgTree(h));
});
afterAll(async () => h?.stop());

describe('transfer, then promotion: pay never drops', () => {
  it('keeps monthly pay at or above the pre-transfer pay through each change', async () => {
    const previousPayFen = 362_500;
    const transfer = await hr.post('/v1/transfers', {
      rows: [
        {
          nationalId: nationalIdFor('1988-04-04'),
          name: '转任网格员',
          org: 'qth/xinxing/hongqi/c1/g1',
          currentMonthlyPayFen: previousPayFen,
          education: 'college',
          isPartyMember: true,
        },
      ],
    });
    expect(transfer.status, transfer.text).toBe(201);
    const person = transfer.body.persons[0];
    expect(person.previousPayFen).toBe(previousPayFen);
    expect(person.payFen).toBeGreaterThanOrEqual(previousPayFen);
    const workerId = person.workerId as string;

    const payIn = async (month: string) => {
      const res = await hr.get(`/v1/workers/${workerId}/statements/${month}`);
      expect(res.status, res.text).toBe(200);
      const body = res.body as {
        totalFen: number;
        post: string;
        grade: number;
        lines: { fullMonthFen: number }[];
        service: { daysServed: number; daysInMonth: number; partial: boolean };
      };
      // The month's rate: what a whole month pays (the month of transfer-in is paid by days).
      return { ...body, rateFen: body.lines.reduce((sum, l) => sum + l.fullMonthFen, 0) };
    };
    const february = await payIn('2026-02');
    expect(february.rateFen).toBeGreaterThanOrEqual(previousPayFen);
    // Transferred in on 10 February: 19 of 28 days paid (issue 16), not a whole month.
    expect(february.service).toMatchObject({ daysServed: 19, daysInMonth: 28, partial: true });
    expect(february.totalFen).toBeLessThan(february.rateFen);

    h.setNow('2026-04-15T02:00:00.000Z');
    const member = await hr.post(`/v1/workers/${workerId}/promotions`, {
      committee: 'party',
      role: 'member',
      effectiveOn: '2026-04-15',
      outsidePoolReason: '换届选举当选',
    });
    expect(member.status, member.text).toBe(201);
    expect(member.body.payAfterFen).toBeGreaterThanOrEqual(member.body.payBeforeFen);

    h.setNow('2026-09-01T02:00:00.000Z');
    const secretary = await hr.post(`/v1/workers/${workerId}/promotions`, {
      committee: 'party',
      role: 'secretary',
      effectiveOn: '2026-09-01',
      outsidePoolReason: '选举为书记',
    });
    expect(secretary.status, secretary.text).toBe(201);

    const months = ['2026-02', '2026-03', '2026-04', '2026-08', '2026-09'];
    const statements = await Promise.all(months.map(payIn));
    for (const s of statements) expect(s.rateFen).toBeGreaterThanOrEqual(previousPayFen);
    // Whole months after the transfer pay at least the pre-transfer pay.
    for (const s of statements.slice(1)) expect(s.totalFen).toBeGreaterThanOrEqual(previousPayFen);
    // Non-decreasing across the career moves, and the posts in force each month.
    for (let i = 1; i < statements.length; i++)
      expect(statements[i]!.rateFen).toBeGreaterThanOrEqual(statements[i - 1]!.rateFen);
    expect(statements.map((s) => s.post)).toEqual(['staff', 'staff', 'deputy', 'deputy', 'principal']);
  });
});

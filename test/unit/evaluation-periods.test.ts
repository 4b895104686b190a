import { describe, expect, it } from 'vitest';
import { annualInputs, type PeriodInputs, toScoringInputs } from '#shared/domain/evaluation-inputs.ts';
import {
  isPeriod,
  monthsOfYear,
  periodKindOf,
  periodRange,
  periodStatus,
  resolvePeriod,
  timelineSortKey,
} from '#shared/domain/evaluation-periods.ts';

describe('evaluation periods', () => {
  it('are months YYYY-MM or years YYYY', () => {
    expect(isPeriod('2026-02')).toBe(true);
    expect(isPeriod('2025')).toBe(true);
    for (const bad of ['2026-13', '2026-2', '26', '2026-02-01', '0999']) expect(isPeriod(bad)).toBe(false);
    expect(periodKindOf('2026-02')).toBe('monthly');
    expect(periodKindOf('2025')).toBe('annual');
    expect(() => periodKindOf('2026-00')).toThrow();
    expect(periodRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(monthsOfYear('2025')).toHaveLength(12);
  });

  it('end on their last day in Asia/Shanghai', () => {
    // 2026-02-28T16:00Z is already 1 March in Shanghai.
    expect(periodStatus('2026-02', new Date('2026-02-28T15:59:59Z'))).toBe('ongoing');
    expect(periodStatus('2026-02', new Date('2026-02-28T16:00:00Z'))).toBe('ended');
    expect(periodStatus('2026-03', new Date('2026-02-28T15:00:00Z'))).toBe('not-started');
    expect(periodStatus('2025', new Date('2025-12-31T16:00:00Z'))).toBe('ended');
  });

  it('resolves schedule inputs from the clock in Shanghai', () => {
    // 02:00 on 1 March in Shanghai is still 28 February in UTC.
    const firstOfMarch = new Date('2026-02-28T18:00:00Z');
    expect(resolvePeriod('previous-month', firstOfMarch)).toBe('2026-02');
    expect(resolvePeriod('previous-month', new Date('2026-01-01T00:00:00+08:00'))).toBe('2025-12');
    expect(resolvePeriod('previous-year', new Date('2026-01-01T03:00:00+08:00'))).toBe('2025');
    expect(resolvePeriod('2024-07', firstOfMarch)).toBe('2024-07');
    expect(() => resolvePeriod('last-week', firstOfMarch)).toThrow();
  });

  it('sort a worker timeline with the annual result after that year’s December', () => {
    const keys = ['2025-12', '2026-01', '2025', '2025-01'].map(timelineSortKey).sort();
    expect(keys).toEqual(['2025-01', '2025-12', '2025-A', '2026-01']);
  });
});

describe('annual inputs', () => {
  const months = new Map<string, PeriodInputs>([
    [
      '2025-01',
      {
        poll: { score: 80 },
        departments: { civil: 80, police: 70 },
        duty: { gridPatrols: 20, householdVisits: 30 },
        workOrders: { assigned: 10, completed: 10, satisfied: 9 },
      },
    ],
    [
      '2025-02',
      {
        poll: { score: 91.01 },
        departments: { civil: 90 },
        duty: { gridPatrols: 10, householdVisits: 15 },
        workOrders: { assigned: 10, completed: 8, satisfied: 8 },
      },
    ],
    ['2024-12', { poll: { score: 0 } }],
  ]);

  it('aggregates the months when no annual row exists (means, per-department means, sums)', () => {
    const { inputs, sources } = annualInputs('2025', months);
    expect(inputs).toEqual({
      poll: { score: 85.51 }, // (80 + 91.01) / 2 = 85.505 → half up
      departments: { civil: 85, police: 70 },
      duty: { gridPatrols: 30, householdVisits: 45 },
      workOrders: { assigned: 20, completed: 18, satisfied: 17 },
    });
    expect(sources).toEqual({ poll: 'months', departments: 'months', duty: 'months', workOrders: 'months' });
  });

  it('prefers the annual row per component and leaves components with neither missing', () => {
    const withAnnual = new Map(months);
    withAnnual.set('2025', { poll: { score: 70 }, duty: { gridPatrols: 240, householdVisits: 360 } });
    const { inputs, sources } = annualInputs('2025', withAnnual);
    expect(inputs.poll).toEqual({ score: 70 });
    expect(inputs.duty).toEqual({ gridPatrols: 240, householdVisits: 360 });
    expect(sources).toMatchObject({ poll: 'annual', duty: 'annual', departments: 'months' });
    expect(annualInputs('2023', months)).toEqual({ inputs: {}, sources: {} });
  });

  it('feeds scoreWorker: departments become a list, training hours only when given', () => {
    expect(toScoringInputs({ departments: { a: 80, b: 90 } })).toEqual({ departments: { scores: [80, 90] } });
    expect(toScoringInputs({}, 12.5)).toEqual({ trainingHours: 12.5 });
    expect(toScoringInputs({ departments: {} })).toEqual({});
  });
});

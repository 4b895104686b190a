import { describe, expect, it } from 'vitest';
import { snapshotKeys } from '#shared/db/entities/stats-snapshot.ts';
import { defaultCertificateAllowancesFen } from '#shared/domain/certificates.ts';
import { certificatesView } from '#shared/usecases/certificates.ts';
import { certifiedRateBasisPoints, developmentSection } from '#shared/usecases/development-stats.ts';
import type { StatsSectionContext } from '#shared/usecases/stats.ts';
import { developmentStockCounters, exitCounterAdjustments } from '#shared/domain/stats-counters.ts';
import type { WorkerCertificate } from '#shared/domain/workers.ts';

const cert = (
  level: WorkerCertificate['level'],
  registeredOn: string,
  number = registeredOn,
): WorkerCertificate => ({
  level,
  number,
  issuedOn: registeredOn,
  registeredOn,
});

describe('certified-on-duty rate', () => {
  it('is a percentage with two decimals, rounded half up on integers', () => {
    expect(certifiedRateBasisPoints(357, 1002)).toBe(3563); // 35.628…
    expect(certifiedRateBasisPoints(1, 3)).toBe(3333);
    expect(certifiedRateBasisPoints(2, 3)).toBe(6667);
    expect(certifiedRateBasisPoints(0, 5)).toBe(0);
    expect(certifiedRateBasisPoints(5, 5)).toBe(10_000);
  });

  it('has no value without active workers', () => {
    expect(certifiedRateBasisPoints(0, 0)).toBeNull();
  });
});

function context(
  year: number,
  currentYear: number,
  snapshots: Record<number, Record<string, number>>,
): StatsSectionContext {
  return {
    org: 'qth',
    year,
    currentYear,
    item: (key) => {
      for (const [y, counters] of Object.entries(snapshots)) {
        const k = snapshotKeys.key('qth', y);
        if (k.pk === key.pk && k.sk === key.sk) return { ...k, year: y, ...counters };
      }
      return undefined;
    },
  };
}

describe('development stats section', () => {
  const counters = {
    training_events: 5,
    training_events_city: 2,
    training_events_community: 3,
    micro_classrooms: 3,
    training_person_times: 270,
    training_minutes: 270 * 240,
    mentors: 38,
    mentees: 173,
    coaching_sessions: 4,
    coaching_sessions_case_analysis: 3,
    coaching_sessions_practical_coaching: 1,
    coaching_minutes: 240,
    certificates_registered: 12,
  };

  it('presents training and mentoring from the year’s counters', () => {
    const section = developmentSection(counters, {}, {}, context(2026, 2026, {}));
    expect(section.training).toEqual({
      events: { city: 2, district: 0, street: 0, community: 3 },
      totalEvents: 5,
      personTimes: 270,
      hours: 1080,
      microClassrooms: 3,
    });
    expect(section.mentoring).toEqual({
      mentors: 38,
      mentees: 173,
      sessions: 4,
      sessionMinutes: 240,
      sessionsByMode: { 'case-analysis': 3, 'interactive-exchange': 0, 'practical-coaching': 1 },
    });
  });

  it('the current year’s rate is live; the change is against last year’s snapshot', () => {
    const section = developmentSection(
      counters,
      {},
      { certified_active: 357, headcount_active: 1002 },
      context(2026, 2026, { 2025: { certified_active: 226, headcount_active: 1000 } }),
    );
    expect(section.certification).toEqual({
      certificatesRegistered: 12,
      certifiedActive: 357,
      active: 1002,
      certifiedOnDutyRate: 35.63,
      basis: 'live',
      previousYearRate: 22.6,
      changePoints: 13.03,
    });
  });

  it('a past year uses its own snapshot, never the live figures', () => {
    const section = developmentSection(
      counters,
      {},
      { certified_active: 999, headcount_active: 1000 },
      context(2025, 2026, { 2025: { certified_active: 1, headcount_active: 4 } }),
    );
    expect(section.certification).toMatchObject({
      certifiedActive: 1,
      active: 4,
      certifiedOnDutyRate: 25,
      basis: 'year-end snapshot',
      previousYearRate: null,
      changePoints: null,
    });
    expect(developmentSection({}, {}, {}, context(2023, 2026, {})).certification).toMatchObject({
      certifiedActive: null,
      certifiedOnDutyRate: null,
      basis: null,
    });
  });
});

describe('stock counters for exits and transfers', () => {
  it('a certified worker counts once; an exit takes that back', () => {
    const certified = { certificates: [cert('assistant', '2025-01-01'), cert('senior', '2025-06-01')] };
    expect(developmentStockCounters(certified)).toEqual({ certified_active: 1 });
    expect(exitCounterAdjustments(certified)).toEqual({ certified_active: -1 });
    expect(exitCounterAdjustments({ certificates: [] })).toEqual({});
  });
});

describe('certificates view', () => {
  it('the highest level counts, from the month it was registered', () => {
    const view = certificatesView(
      {
        id: 'w_1',
        certificates: [
          cert('senior', '2026-05-31', 'S'),
          cert('assistant', '2024-11-03', 'A'),
          cert('intermediate', '2025-02-01', 'I'),
        ],
      },
      '2026-06-10',
      defaultCertificateAllowancesFen,
      'pay/default',
    );
    expect(view.items.map((c) => c.number)).toEqual(['A', 'I', 'S']);
    expect(view.highest).toMatchObject({ level: 'senior', number: 'S' });
    expect(view.allowanceFromMonth).toBe('2024-11');
    expect(view.currentLevelFromMonth).toBe('2026-05');
    expect(view.monthlyAllowanceFen).toBe(50_000);
    expect(view.schedule).toEqual([
      { fromMonth: '2024-11', level: 'assistant', monthlyFen: 20_000 },
      { fromMonth: '2025-02', level: 'intermediate', monthlyFen: 30_000 },
      { fromMonth: '2026-05', level: 'senior', monthlyFen: 50_000 },
    ]);
  });

  it('two registrations in one month: that month pays the higher level only', () => {
    const view = certificatesView(
      {
        id: 'w_2',
        certificates: [cert('intermediate', '2026-03-20', 'I'), cert('assistant', '2026-03-02', 'A')],
      },
      '2026-03-25',
      defaultCertificateAllowancesFen,
      'pay/default',
    );
    expect(view.schedule).toEqual([{ fromMonth: '2026-03', level: 'intermediate', monthlyFen: 30_000 }]);
    expect(view.monthlyAllowanceFen).toBe(30_000);
  });

  it('no certificate, no allowance', () => {
    const view = certificatesView(
      { id: 'w_3', certificates: [] },
      '2026-03-25',
      defaultCertificateAllowancesFen,
      'pay/default',
    );
    expect(view).toMatchObject({
      highest: null,
      allowanceFromMonth: null,
      monthlyAllowanceFen: 0,
      schedule: [],
    });
  });
});

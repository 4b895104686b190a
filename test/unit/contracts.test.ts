import { describe, expect, it } from 'vitest';
import { contractState, contractTermsOf, recordedTermFor, renewContract } from '#shared/domain/contracts.ts';
import { contractTermFor } from '#shared/domain/evaluation.ts';

const hired = { hiredOn: '2023-03-01', contractEndsOn: '2026-02-28' };

describe('contract terms (续签)', () => {
  it('derives the first term of a record without terms', () => {
    expect(contractTermsOf(hired)).toEqual([{ no: 1, startsOn: '2023-03-01', endsOn: '2026-02-28' }]);
  });

  it('states in-term, expired and ended, with the days left', () => {
    expect(contractState(hired, '2026-02-27')).toMatchObject({ status: 'in-term', daysLeft: 1 });
    expect(contractState(hired, '2026-02-28')).toMatchObject({ status: 'in-term', daysLeft: 0 });
    expect(contractState(hired, '2026-03-01')).toMatchObject({ status: 'expired', daysLeft: -1 });
    expect(contractState({ ...hired, status: 'exited' }, '2026-03-01')).toMatchObject({
      status: 'ended',
      daysLeft: null,
    });
    expect(contractState(hired).daysLeft).toBeNull();
  });

  it('renews from the day after the last day, for the given years, within the window', () => {
    expect(renewContract(hired, '2025-12-29', 3, 60, 'recruitment/default')).toMatchObject({
      ok: false,
      refusal: { code: 'RENEWAL_TOO_EARLY', details: { renewableFrom: '2025-12-30' } },
    });
    const renewed = renewContract(hired, '2025-12-30', 5, 60, 'recruitment/2025-01-01');
    expect(renewed).toMatchObject({
      ok: true,
      term: { no: 2, startsOn: '2026-03-01', endsOn: '2031-02-28', renewedOn: '2025-12-30' },
    });
    // After the last day (no decision yet) it may still be renewed.
    expect(renewContract(hired, '2026-04-01', 3, 60, 'v').ok).toBe(true);
  });

  it('finds the term of an evaluated year among the recorded terms', () => {
    const terms = [
      { no: 1, startsOn: '2022-03-01', endsOn: '2025-02-28' },
      { no: 2, startsOn: '2025-03-01', endsOn: '2030-02-28' },
    ];
    expect(recordedTermFor(terms, 2023)).toEqual({ from: 2022, to: 2025 });
    // A year shared by two terms counts in the earlier.
    expect(recordedTermFor(terms, 2025)).toEqual({ from: 2022, to: 2025 });
    expect(recordedTermFor(terms, 2026)).toEqual({ from: 2025, to: 2030 });
    expect(recordedTermFor(terms, 2029)).toEqual({ from: 2025, to: 2030 });
    // Past the last term (not renewed yet): rolls on with its length.
    expect(recordedTermFor(terms, 2031)).toEqual({ from: 2030, to: 2035 });
  });

  it('agrees with the rolling rule for a record with only its first term', () => {
    const first = contractTermsOf({ hiredOn: '2020-03-01', contractEndsOn: '2023-02-28' });
    for (const year of [2021, 2023, 2024, 2026, 2027, 2030])
      expect(recordedTermFor(first, year)).toEqual(contractTermFor('2020-03-01', '2023-02-28', year));
  });
});

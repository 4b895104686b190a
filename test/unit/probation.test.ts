import { describe, expect, it } from 'vitest';
import { decideProbation, probationState } from '#shared/domain/probation.ts';

const serving = { probationEndsOn: '2026-03-20' };

describe('probation', () => {
  it('derives the state of records without decisions', () => {
    expect(probationState(serving, '2026-03-02')).toEqual({
      status: 'serving',
      endsOn: '2026-03-20',
      extendedMonths: 0,
      decidedOn: null,
      daysLeft: 18,
    });
    expect(probationState({ probationEndsOn: null }, '2026-03-02').status).toBe('none');
  });

  it('confirms only on or after the last day', () => {
    expect(decideProbation(serving, { decision: 'confirm' }, '2026-03-19', 6)).toMatchObject({
      ok: false,
      refusal: { code: 'PROBATION_NOT_OVER' },
    });
    expect(decideProbation(serving, { decision: 'confirm' }, '2026-03-20', 6)).toMatchObject({
      ok: true,
      fields: { probationStatus: 'confirmed', probationDecidedOn: '2026-03-20' },
    });
  });

  it('extends from the current last day, within the total', () => {
    const once = decideProbation(serving, { decision: 'extend', months: 4 }, '2026-03-02', 6);
    expect(once).toMatchObject({
      ok: true,
      fields: { probationEndsOn: '2026-07-20', probationExtendedMonths: 4 },
    });
    if (!once.ok) throw new Error('expected ok');
    expect(decideProbation(once.fields, { decision: 'extend', months: 3 }, '2026-03-02', 6)).toMatchObject({
      ok: false,
      refusal: { code: 'EXTENSION_TOO_LONG' },
    });
    // Month ends stay month ends: probation to 2026-02-28 + 1 month → 2026-03-31.
    expect(
      decideProbation({ probationEndsOn: '2026-02-28' }, { decision: 'extend', months: 1 }, '2026-03-02', 6),
    ).toMatchObject({ fields: { probationEndsOn: '2026-03-31' } });
  });

  it('refuses decided probations and workers without one', () => {
    const failed = {
      probationEndsOn: '2026-03-20',
      probationStatus: 'failed' as const,
      probationDecidedOn: '2026-03-01',
    };
    expect(decideProbation(failed, { decision: 'confirm' }, '2026-04-01', 6)).toMatchObject({
      refusal: { code: 'PROBATION_DECIDED' },
    });
    expect(decideProbation({ probationEndsOn: null }, { decision: 'fail' }, '2026-04-01', 6)).toMatchObject({
      refusal: { code: 'NO_PROBATION' },
    });
  });
});

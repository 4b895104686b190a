import { describe, expect, it } from 'vitest';
import { withPendingChange } from '#shared/domain/accounts.ts';

describe('withPendingChange: what the identity provider still has to take', () => {
  const since = '2026-03-01T00:00:00.000Z';
  const later = '2026-03-02T00:00:00.000Z';

  it('starts the outbox with the change and the time it was made', () => {
    expect(withPendingChange(null, 'disable', since)).toEqual({
      changes: ['disable'],
      since,
      attempts: 0,
      lastError: null,
    });
  });

  it('keeps the older changes and their time, once each, and resets the attempts', () => {
    const pending = {
      changes: ['create' as const, 'move' as const],
      since,
      attempts: 3,
      lastError: 'Rate exceeded',
    };
    expect(withPendingChange(pending, 'move', later)).toEqual({
      changes: ['create', 'move'],
      since,
      attempts: 0,
      lastError: null,
    });
  });

  it('enabling drops a disable not yet taken, and disabling an enable: only the latest is sent', () => {
    const disabled = withPendingChange(
      { changes: ['move'], since, attempts: 1, lastError: null },
      'disable',
      later,
    );
    expect(disabled.changes).toEqual(['move', 'disable']);
    const enabled = withPendingChange(disabled, 'enable', later);
    expect(enabled.changes).toEqual(['move', 'enable']);
    expect(withPendingChange(enabled, 'disable', later).changes).toEqual(['move', 'disable']);
  });
});

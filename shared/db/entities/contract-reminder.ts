import { rootOf } from '#shared/domain/org-paths.ts';
import type { ContractReminder, ContractReminderStatus } from '#shared/domain/contracts.ts';
import { withoutKeys } from '#shared/db/items.ts';

/**
 * A reminder that a worker's contract term ends soon (续签提醒), one per worker and term:
 * `CONTRACT-REMINDER#<id>` / `REMINDER`, id `<workerId>.<term end>`, so the daily job writing it
 * again for the same term changes nothing (conditional put). ByCollection
 * `CONTRACT-REMINDERS#<city>#<status>` / `<org>/#<term end>#<id>`: a subtree's open (or dismissed)
 * reminders are one Query on a key range (`subtreeQuery`), each unit's soonest-ending first.
 */
export const contractReminderKeys = {
  id: (workerId: string, endsOn: string) => `${workerId}.${endsOn}`,
  key: (id: string) => ({ pk: `CONTRACT-REMINDER#${id}`, sk: 'REMINDER' }),
  byStatus: (org: string, status: ContractReminderStatus) => `CONTRACT-REMINDERS#${rootOf(org)}#${status}`,
  orgSort: (org: string, endsOn: string, id: string) => `${org}/#${endsOn}#${id}`,
};

export function contractReminderItem(reminder: ContractReminder) {
  return {
    ...contractReminderKeys.key(reminder.id),
    type: 'contract-reminder',
    gsi1pk: contractReminderKeys.byStatus(reminder.org, reminder.status),
    gsi1sk: contractReminderKeys.orgSort(reminder.org, reminder.endsOn, reminder.id),
    ...reminder,
  };
}

export function toContractReminder(item: Record<string, unknown>): ContractReminder {
  return withoutKeys<ContractReminder>(item);
}

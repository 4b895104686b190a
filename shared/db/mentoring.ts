import type { Store } from '#shared/db/store.ts';
import { tableDefinition } from '#shared/db/table-definition.ts';
import { type MentorshipRecord, mentorshipKeys, toMentorship } from '#shared/db/entities/mentoring.ts';

/** The mentoring aggregate's reads: pairings by id, by mentor and by mentee. */
export const mentorships = {
  /** One GetItem. */
  async get(store: Store, id: string): Promise<MentorshipRecord | undefined> {
    const item = await store.get(mentorshipKeys.key(id));
    return item && toMentorship(item);
  },

  /** Every pairing of a mentor (a handful: the cap is ~6 at a time), ByRelation. */
  async ofMentor(store: Store, mentorId: string): Promise<MentorshipRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byRelation.name,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentor(mentorId) },
    });
    return items.map(toMentorship);
  },

  /** Every pairing of a mentee, ByCollection. */
  async ofMentee(store: Store, menteeId: string): Promise<MentorshipRecord[]> {
    const items = await store.queryAll({
      IndexName: tableDefinition.indexes.byCollection.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': mentorshipKeys.byMentee(menteeId) },
    });
    return items.map(toMentorship);
  },
};

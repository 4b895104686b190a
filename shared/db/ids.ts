import { randomUUID } from 'node:crypto';

/** A new entity id: the kind's prefix and 16 random hex characters, e.g. `rc_4f1a…`. */
export const newId = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;

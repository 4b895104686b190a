import type { Actor } from '#shared/auth/actor.ts';
import type { Store } from '#shared/db/store.ts';
import { type AccountDirectory, localAccountDirectory } from '#shared/domain/accounts.ts';
import type { Context } from 'hono';

/** Turns a request into a verified Actor, or throws 401. Local mode: our own JWTs; Lambda: API Gateway's. */
export type IdentitySource = (c: Context) => Promise<Actor>;

/** Fans work out (SQS in AWS, an in-process queue locally). */
export interface WorkQueue {
  send(queue: string, messages: unknown[]): Promise<void>;
}

/** For functions that send no work: a send is a programming error (the function was not given a queue). */
export const noWorkQueue: WorkQueue = {
  async send(queue) {
    throw new Error(`this function was given no work queue (asked to send to ${queue})`);
  },
};

/** Everything the HTTP apps and jobs need from the outside world; tests substitute parts. */
export interface Dependencies {
  store: Store;
  identity: IdentitySource;
  queue: WorkQueue;
  /** The current instant (tests pin it). */
  clock: () => Date;
  /** Where sign-in accounts live besides the table: Cognito, an external OIDC provider, or nowhere (local). */
  accounts?: AccountDirectory;
}

/** Local mode (and tests that build their own dependencies): the table is the account directory. */
export const accountDirectoryOf = (deps: Dependencies): AccountDirectory =>
  deps.accounts ?? localAccountDirectory;

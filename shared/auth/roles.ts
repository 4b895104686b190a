/**
 * The three roles, the one list: the API's claims (`actor.ts`) and the web app's session read it.
 * No imports, so the web bundle can take it without zod.
 */
export const roles = ['hr', 'mentor', 'worker'] as const;
export type Role = (typeof roles)[number];

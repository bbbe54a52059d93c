// The actor for administrative commands run on the server itself (the CLI).
import type { Actor } from './actor.js';

export const cliAccountId = 'cli';

export function systemActor(orgId: string): Actor {
  return {
    accountId: cliAccountId,
    orgId,
    personId: null,
    email: 'cli',
    roles: ['org_admin', 'programme_manager'],
  };
}

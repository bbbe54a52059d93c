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

/** SCIM requests act as the organisation's directory, named by the token they bear. */
export const scimAccountPrefix = 'scim:';

export function scimActor(orgId: string, tokenId: string): Actor {
  return {
    accountId: `${scimAccountPrefix}${tokenId}`,
    orgId,
    personId: null,
    email: 'scim',
    roles: ['org_admin'],
  };
}

// Who is calling, and the role checks every use case starts with.
import { z } from 'zod';
import { forbidden } from '../errors.js';

export const roles = ['org_admin', 'programme_manager', 'participant', 'sponsor'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export interface Actor {
  accountId: string;
  /** The session the request came with (none for commands run on the server). */
  sessionId?: string;
  /** The API token the request came with instead of a session, and what it may do. */
  token?: { id: string; scope: 'read' | 'write' | 'admin' };
  orgId: string;
  personId: string | null;
  email: string;
  roles: readonly Role[];
}

export function hasRole(actor: Actor, ...allowed: Role[]): boolean {
  return actor.roles.some((r) => allowed.includes(r));
}

/** Throws `forbidden` unless the actor holds one of the roles. */
export function assertRole(actor: Actor, ...allowed: Role[]): void {
  if (!hasRole(actor, ...allowed)) {
    throw forbidden(`This needs one of these roles: ${allowed.join(', ')}.`);
  }
}

export const isManager = (actor: Actor) => hasRole(actor, 'org_admin', 'programme_manager');

/**
 * Throws `forbidden` when the actor came with an API token: a secret made with a token (an API
 * or a SCIM token) would outlive that token's revocation, so only a signed-in session makes one.
 */
export function assertNotToken(actor: Actor): void {
  if (actor.token) throw forbidden('Tokens are created in a signed-in session, not with another token.');
}

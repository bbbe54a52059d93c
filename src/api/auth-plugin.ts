// Every /api request is authenticated by the session cookie, or by an API token sent as
// `Authorization: Bearer`, unless its route says `config: { public: true }`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { AppError, forbidden, unauthenticated } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { resolveApiToken, scopeAllows } from '../identity/api-tokens.js';
import { resolveSession, sessionCookieName } from '../identity/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('actor', null);
  // onRequest, so an unauthenticated caller learns nothing from body validation.
  app.addHook('onRequest', async (request) => {
    const isApi = request.url.startsWith('/api/');
    if (!isApi || request.is404 || request.routeOptions.config.public) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      // A token that does not work is refused outright, never replaced by a cookie.
      const route = request.routeOptions.url ?? request.url;
      const actor = await resolveApiToken(db, bearer, { method: request.method, route });
      if (!actor?.token)
        throw new AppError('unauthenticated', 'This API token is unknown, expired or revoked.');
      if (!scopeAllows(actor.token.scope, request.method))
        throw forbidden('This token has the read scope: it may only read (GET).');
      request.actor = actor;
      return;
    }
    const token = request.cookies[sessionCookieName];
    const actor = token ? await resolveSession(db, token) : null;
    if (!actor) throw unauthenticated();
    request.actor = actor;
  });
}

/** The signed-in actor; routes behind the auth hook always have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

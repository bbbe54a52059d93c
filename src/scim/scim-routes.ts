// /scim/v2: SCIM 2.0 for an organisation's directory (Entra ID, Okta, ...). Requests carry a
// SCIM bearer token and nothing else (no cookie, no Origin); bodies are application/scim+json
// (or application/json); errors come back in SCIM's own shape. The routes are left out of the
// OpenAPI document: SCIM describes itself at /ServiceProviderConfig, /ResourceTypes, /Schemas.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { scimActor } from '../identity/system-actor.js';
import { publicUrl } from '../identity/tokens.js';
import { listOf, resourceTypesOf, schemasOf, serviceProviderConfig } from './scim-discovery.js';
import { ScimError, scimErrorBody, scimInvalid, scimNotFound, toScimError } from './scim-errors.js';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './scim-groups.js';
import { listQuerySchema, pageOf } from './scim-protocol.js';
import { resolveScimToken } from './scim-tokens.js';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './scim-users.js';

export const scimMediaType = 'application/scim+json';

declare module 'fastify' {
  interface FastifyRequest {
    scim: { orgId: string; tokenId: string } | null;
  }
  interface FastifyContextConfig {
    /** Discovery answers without a token: it holds nothing of any organisation. */
    scimDiscovery?: boolean;
  }
}

// The write guard takes these types on SCIM routes, also on body-less DELETEs that name one.
const writes = { hide: true, consumes: [scimMediaType, 'application/json'] };
const reads = { hide: true };

const send = (reply: FastifyReply, status: number, body: unknown) =>
  reply.code(status).type(`${scimMediaType}; charset=utf-8`).send(body);

function actorOf(request: FastifyRequest) {
  if (!request.scim) throw new ScimError(401, 'A SCIM bearer token is required.');
  return scimActor(request.scim.orgId, request.scim.tokenId);
}

function listQuery(request: FastifyRequest) {
  const parsed = listQuerySchema.safeParse(request.query);
  if (!parsed.success) throw scimInvalid(parsed.error.issues[0]?.message ?? 'bad query');
  const q = parsed.data;
  const excluded = (q.excludedAttributes ?? '')
    .toLowerCase()
    .split(',')
    .map((a) => a.trim());
  return { filter: q.filter, page: pageOf(q), withMembers: !excluded.includes('members') };
}

const ifMatch = (request: FastifyRequest) => {
  const h = request.headers['if-match'];
  return Array.isArray(h) ? h.join(',') : h;
};

const idParams = z.object({ id: z.string().max(200) });
const idOf = (request: FastifyRequest) => idParams.parse(request.params).id;

export async function scimRoutes(app: FastifyInstance, { db, config }: { db: Db; config: Config }) {
  const baseUrl = `${publicUrl(config)}/scim/v2`;
  app.decorateRequest('scim', null);
  app.addContentTypeParser(scimMediaType, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(scimInvalid('The body is not valid JSON.', 'invalidSyntax'));
    }
  });
  app.setErrorHandler(async (error, request, reply) => {
    const scim = toScimError(error);
    if (scim.status >= 500) request.log.error({ err: error }, 'SCIM request failed');
    if (scim.status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
    return send(reply, scim.status, scimErrorBody(scim));
  });
  app.setNotFoundHandler(async (_request, reply) =>
    send(reply, 404, scimErrorBody(scimNotFound('Endpoint'))),
  );

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.scimDiscovery) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const found = match?.[1] ? await resolveScimToken(db, match[1]) : null;
    if (!found) throw new ScimError(401, 'A valid SCIM bearer token is required.');
    request.scim = found;
  });

  const discovery = { config: { scimDiscovery: true }, schema: reads };
  app.get('/ServiceProviderConfig', discovery, async (_r, reply) =>
    send(reply, 200, serviceProviderConfig(baseUrl)),
  );
  app.get('/ResourceTypes', discovery, async (_r, reply) =>
    send(reply, 200, listOf(resourceTypesOf(baseUrl))),
  );
  app.get('/ResourceTypes/:id', discovery, async (request, reply) => {
    const found = resourceTypesOf(baseUrl).find((t) => t.id === idOf(request));
    if (!found) throw scimNotFound('Resource type');
    return send(reply, 200, found);
  });
  app.get('/Schemas', discovery, async (_r, reply) => send(reply, 200, listOf(schemasOf(baseUrl))));
  app.get('/Schemas/:id', discovery, async (request, reply) => {
    const found = schemasOf(baseUrl).find((s) => s.id === idOf(request));
    if (!found) throw scimNotFound('Schema');
    return send(reply, 200, found);
  });

  const withEtag = (reply: FastifyReply, resource: { meta: { version: string } }) =>
    reply.header('etag', resource.meta.version);

  app.get('/Users', { schema: reads }, async (request, reply) => {
    const { filter, page } = listQuery(request);
    return send(reply, 200, await listUsers(db, actorOf(request), filter, page, baseUrl));
  });
  app.get('/Users/:id', { schema: reads }, async (request, reply) => {
    const user = await getUser(db, actorOf(request), idOf(request), baseUrl);
    return send(withEtag(reply, user), 200, user);
  });
  app.post('/Users', { schema: writes }, async (request, reply) => {
    const user = await createUser(db, actorOf(request), request.body, baseUrl);
    reply.header('location', user.meta.location);
    return send(withEtag(reply, user), 201, user);
  });
  app.put('/Users/:id', { schema: writes }, async (request, reply) => {
    const user = await replaceUser(
      db,
      actorOf(request),
      idOf(request),
      request.body,
      ifMatch(request),
      baseUrl,
    );
    return send(withEtag(reply, user), 200, user);
  });
  app.patch('/Users/:id', { schema: writes }, async (request, reply) => {
    const user = await patchUser(
      db,
      actorOf(request),
      idOf(request),
      request.body,
      ifMatch(request),
      baseUrl,
    );
    return send(withEtag(reply, user), 200, user);
  });
  app.delete('/Users/:id', { schema: writes }, async (request, reply) => {
    await deleteUser(db, actorOf(request), idOf(request), ifMatch(request));
    return reply.code(204).send();
  });

  app.get('/Groups', { schema: reads }, async (request, reply) => {
    const { filter, page, withMembers } = listQuery(request);
    return send(reply, 200, await listGroups(db, actorOf(request), filter, page, baseUrl, withMembers));
  });
  app.get('/Groups/:id', { schema: reads }, async (request, reply) => {
    const { withMembers } = listQuery(request);
    const group = await getGroup(db, actorOf(request), idOf(request), baseUrl, withMembers);
    return send(withEtag(reply, group), 200, group);
  });
  app.post('/Groups', { schema: writes }, async (request, reply) => {
    const group = await createGroup(db, actorOf(request), request.body, baseUrl);
    reply.header('location', group.meta.location);
    return send(withEtag(reply, group), 201, group);
  });
  app.put('/Groups/:id', { schema: writes }, async (request, reply) => {
    const group = await replaceGroup(
      db,
      actorOf(request),
      idOf(request),
      request.body,
      ifMatch(request),
      baseUrl,
    );
    return send(withEtag(reply, group), 200, group);
  });
  // 204 as Entra documents it: the member list of a large department is not sent back each time.
  app.patch('/Groups/:id', { schema: writes }, async (request, reply) => {
    const group = await patchGroup(
      db,
      actorOf(request),
      idOf(request),
      request.body,
      ifMatch(request),
      baseUrl,
    );
    return withEtag(reply, group).code(204).send();
  });
  app.delete('/Groups/:id', { schema: writes }, async (request, reply) => {
    await deleteGroup(db, actorOf(request), idOf(request), ifMatch(request));
    return reply.code(204).send();
  });
}

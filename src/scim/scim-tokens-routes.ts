import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import {
  createdScimTokenSchema,
  createScimToken,
  createScimTokenSchema,
  listScimTokens,
  revokeScimToken,
  scimTokenResponseSchema,
} from './scim-tokens.js';

export const scimTokenRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/scim-tokens',
    {
      schema: {
        tags: ['scim'],
        summary: "The organisation's SCIM tokens, never the tokens themselves (admins)",
        response: { 200: z.array(scimTokenResponseSchema) },
      },
    },
    async (request) => listScimTokens(db, actorOf(request)),
  );
  app.post(
    '/scim-tokens',
    {
      schema: {
        tags: ['scim'],
        summary:
          'Create a SCIM bearer token for a directory; the answer is the only time it is shown (admins)',
        body: createScimTokenSchema,
        response: { 201: createdScimTokenSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createScimToken(db, actorOf(request), request.body)),
  );
  app.post(
    '/scim-tokens/:id/revoke',
    {
      schema: {
        tags: ['scim'],
        summary: 'Revoke a SCIM token: the directory using it is refused from now on (admins)',
        params: idParams,
        response: { 200: scimTokenResponseSchema },
      },
    },
    async (request) => revokeScimToken(db, actorOf(request), request.params.id),
  );
};

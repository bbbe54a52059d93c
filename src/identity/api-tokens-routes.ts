import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import {
  apiTokenResponseSchema,
  createApiToken,
  createApiTokenSchema,
  createdApiTokenSchema,
  listApiTokens,
  revokeApiToken,
} from './api-tokens.js';
import { auditLogPageSchema, auditLogQuery, listAuditLog } from './audit-log.js';

export const apiTokenRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Your API tokens; admins see every token of the organisation (never the tokens themselves)',
        response: { 200: z.array(apiTokenResponseSchema) },
      },
    },
    async (request) => listApiTokens(db, actorOf(request)),
  );

  app.post(
    '/api-tokens',
    {
      schema: {
        tags: ['api tokens'],
        summary:
          'Create a personal token, or (admins) a service token, with a scope (read, write, admin) and an expiry; the token is in this answer only',
        body: createApiTokenSchema,
        response: { 201: createdApiTokenSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createApiToken(db, actorOf(request), request.body)),
  );

  app.delete(
    '/api-tokens/:id',
    {
      schema: {
        tags: ['api tokens'],
        summary: 'Revoke a token: yours, or (admins) any of the organisation',
        params: idParams,
        response: { 200: apiTokenResponseSchema },
      },
    },
    async (request) => revokeApiToken(db, actorOf(request), request.params.id),
  );

  app.get(
    '/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first, filtered by action, actor and days (admins)',
        querystring: auditLogQuery,
        response: { 200: auditLogPageSchema },
      },
    },
    async (request) => listAuditLog(db, actorOf(request), request.query),
  );
};

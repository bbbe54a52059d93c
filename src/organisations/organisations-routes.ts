import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../api/auth-plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { forbidden } from '../errors.js';
import {
  createdOrganisationSchema,
  createOrganisation,
  createOrganisationSchema,
  getOrganisation,
  organisationResponseSchema,
  updateOrganisation,
  updateOrganisationSchema,
} from './organisations.js';

export const organisationRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  app.post(
    '/organisations',
    {
      config: { public: true },
      schema: {
        tags: ['organisations'],
        summary: 'Create a new organisation with its first admin',
        body: createOrganisationSchema,
        response: { 201: createdOrganisationSchema },
      },
    },
    async (request, reply) => {
      if (!config.TWOWAY_ALLOW_SIGNUP) throw forbidden('New organisations cannot be created on this server.');
      const created = await db.transaction((tx) => createOrganisation(tx, request.body));
      return reply.status(201).send(created);
    },
  );
  app.get(
    '/organisation',
    {
      schema: {
        tags: ['organisations'],
        summary: "The caller's organisation",
        response: { 200: organisationResponseSchema },
      },
    },
    async (request) => getOrganisation(db, actorOf(request)),
  );
  app.patch(
    '/organisation',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Update the organisation (admins)',
        body: updateOrganisationSchema,
        response: { 200: organisationResponseSchema },
      },
    },
    async (request) => updateOrganisation(db, actorOf(request), request.body),
  );
};

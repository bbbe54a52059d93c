import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../api/auth-plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { forbidden, rateLimited } from '../errors.js';
import { countHit } from '../identity/rate-limit-store.js';
import { publicUrl } from '../identity/tokens.js';
import {
  createdOrganisationSchema,
  createOrganisation,
  createOrganisationSchema,
  getOrganisation,
  installationIsEmpty,
  organisationResponseSchema,
  updateOrganisation,
  updateOrganisationSchema,
} from './organisations.js';

/** New organisations one email may start in an hour. */
const orgCreationsPerEmailHour = 3;

export const organisationRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  app.post(
    '/organisations',
    {
      // Per address, counted before any work (decision 047).
      config: { public: true, rateLimit: { max: config.ORG_CREATE_PER_HOUR, timeWindow: 3_600_000 } },
      schema: {
        tags: ['organisations'],
        summary:
          'Create a new organisation with its first admin, who confirms their email by the link sent to it (the first organisation of an empty installation is ready at once)',
        body: createOrganisationSchema,
        response: { 201: createdOrganisationSchema },
      },
    },
    async (request, reply) => {
      if (!config.TWOWAY_ALLOW_SIGNUP) throw forbidden('New organisations cannot be created on this server.');
      // Per email too, whether or not it has accounts anywhere, so the limit tells nothing.
      const { current } = await countHit(db, `org-create-email:${request.body.admin.email}`, 3_600_000);
      if (current > orgCreationsPerEmailHour)
        throw rateLimited('Too many new organisations for this email; try again in an hour.');
      const created = await db.transaction(async (tx) =>
        createOrganisation(tx, request.body, {
          emailProven: await installationIsEmpty(tx),
          baseUrl: publicUrl(config),
        }),
      );
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

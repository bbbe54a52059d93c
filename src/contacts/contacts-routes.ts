// HTTP route for confidential-contact choices. Thin: validate, call the use case.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { confidentialContactOptions, contactOptionSchema } from './confidential-contacts.js';

export const contactRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/relationships/:id/contact-options',
    {
      schema: {
        tags: ['agreement'],
        summary:
          'For the two people in a relationship: who may be named as the confidential contact (programme managers and admins)',
        params: idParams,
        response: { 200: z.array(contactOptionSchema) },
      },
    },
    async (request) => confidentialContactOptions(db, actorOf(request), request.params.id),
  );
};

// HTTP routes for the circles a manager plans in a circles programme.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent } from '../api/common.js';
import type { Db } from '../db/client.js';
import {
  circlePlanResponseSchema,
  circlePlanSchema,
  createCirclePlan,
  deleteCirclePlan,
  listCirclePlans,
} from './circle-plans.js';

const circleParams = z.object({
  id: z.string().uuid('must be an id (UUID)'),
  circleId: z.string().uuid('must be an id (UUID)'),
});
const tags = ['programmes'];

export const circlePlanRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/programmes/:id/circles',
    {
      schema: {
        tags,
        summary: 'The circles planned in a circles programme (managers)',
        params: idParams,
        response: { 200: z.array(circlePlanResponseSchema) },
      },
    },
    async (request) => listCirclePlans(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/circles',
    {
      schema: {
        tags,
        summary: 'Plan a circle: focus topics, one or two enrolled facilitators, a size range',
        params: idParams,
        body: circlePlanSchema,
        response: { 201: circlePlanResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCirclePlan(db, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/programmes/:id/circles/:circleId',
    {
      schema: {
        tags,
        summary: 'Remove a planned circle (before matching is published)',
        params: circleParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteCirclePlan(db, actorOf(request), request.params.id, request.params.circleId);
      return reply.status(204).send();
    },
  );
};

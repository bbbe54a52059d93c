// HTTP routes for programme health. Thin: validate, call the use case.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { momentumQuery, programmeMomentum } from './momentum.js';

export const insightsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/programmes/:id/momentum',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Momentum (managers): meetings held versus planned by cadence, cancellations by side, week by week, and pairs gone quiet',
        params: idParams,
        querystring: momentumQuery,
      },
    },
    async (request) => programmeMomentum(db, actorOf(request), request.params.id, request.query),
  );
};

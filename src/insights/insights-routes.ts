// HTTP routes for programme health and outcome reports. Thin: validate, call the use case.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { momentumQuery, programmeMomentum } from './momentum.js';
import { learningReport, qualityReport, retentionQuery, retentionReport } from './reports.js';

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
  app.get(
    '/programmes/:id/reports/retention',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Retention report (sponsors, managers): participants against matched non-participants, survival curves with 95% bands, log-rank, Cox hazard ratio',
        params: idParams,
        querystring: retentionQuery,
      },
    },
    async (request) => retentionReport(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/programmes/:id/reports/learning',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Learning report (sponsors, managers): learning-log entries by direction, topic and department, the upward view, reciprocity',
        params: idParams,
      },
    },
    async (request) => learningReport(db, actorOf(request), request.params.id),
  );
  app.get(
    '/programmes/:id/reports/quality',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Relationship quality report (sponsors, managers): value, felt heard and talk balance by month, momentum',
        params: idParams,
      },
    },
    async (request) => qualityReport(db, actorOf(request), request.params.id),
  );
};

// HTTP routes for engagement: answering a pulse, the programme's pulse figures, and the
// managers' list of pairs quiet for three times their cadence (state only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { answerPulse, pulseAnswerSchema, pulseSchema, pulseSummary, pulseSummarySchema } from './pulses.js';
import { managerAfterCadences, programmeQuietPairs } from './quiet-pairs.js';

const quietPairsSchema = z.object({
  afterCadences: z.number(),
  pairs: z.array(
    z.object({
      relationshipId: z.string(),
      mentorName: z.string(),
      menteeName: z.string(),
      lastMetAt: z.string().nullable(),
      quietDays: z.number(),
    }),
  ),
});

export const engagementRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/relationships/:id/pulses',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'My answers to the 30, 60 or 90-day pulse (value and felt heard, 1 to 5), once each; only I see them',
        params: idParams,
        body: pulseSchema,
        response: { 201: pulseAnswerSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await answerPulse(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/programmes/:id/pulse-summary',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Pulse aggregates, overall and by side (managers, sponsors; audited), under the same disclosure rules as meeting feedback',
        params: idParams,
        response: { 200: pulseSummarySchema },
      },
    },
    async (request) => pulseSummary(db, actorOf(request), request.params.id),
  );
  app.get(
    '/programmes/:id/quiet-pairs',
    {
      schema: {
        tags: ['insights'],
        summary: `Pairs with no meeting for ${managerAfterCadences} times their cadence and nothing in the calendar (managers): names and dates only`,
        params: idParams,
        response: { 200: quietPairsSchema },
      },
    },
    async (request) => programmeQuietPairs(db, actorOf(request), request.params.id),
  );
};

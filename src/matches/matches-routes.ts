// HTTP routes for match runs, locked/forbidden pairs, shortlists and rankings,
// accepting and declining, and re-matching. Thin: validate, call the use case.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent } from '../api/common.js';
import type { Db } from '../db/client.js';
import { relationshipResponseSchema } from '../relationships/access.js';
import { declineReasonResponseSchema, listDeclineReasons } from '../relationships/relationships.js';
import {
  compareMatchRuns,
  compareQuery,
  createMatchRun,
  createRunSchema,
  discardMatchRun,
  getMatchRun,
  groupComparisonSchema,
  listMatchRuns,
  runComparisonSchema,
  runPageQuery,
  runSchema,
  runSummarySchema,
} from './match-runs.js';
import {
  deletePairRule,
  listPairRules,
  pairRuleResponseSchema,
  pairRuleSchema,
  setPairRule,
} from './pair-rules.js';
import { publishMatchRun, publishResultSchema, publishRunSchema } from './publish-match-run.js';
import { rematchProgramme, rematchResultSchema, rematchSchema } from './rematch.js';
import { respondSchema, respondToMatch } from './respond-to-match.js';
import {
  getShortlist,
  rankingResponseSchema,
  rankingSchema,
  setRanking,
  shortlistQuery,
  shortlistResponseSchema,
} from './shortlist.js';

const ruleParams = z.object({
  id: z.string().uuid('must be an id (UUID)'),
  ruleId: z.string().uuid('must be an id (UUID)'),
});
const tags = ['matching'];

export const matchRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/programmes/:id/match-runs',
    {
      schema: {
        tags,
        summary:
          'Run matching on a programme (matching stage: whole cohort; active: re-match) and store it as a draft',
        params: idParams,
        body: createRunSchema,
        response: { 201: runSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMatchRun(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/programmes/:id/match-runs',
    {
      schema: {
        tags,
        summary: 'Runs of a programme, newest first (no pairs)',
        params: idParams,
        response: { 200: z.array(runSummarySchema) },
      },
    },
    async (request) => listMatchRuns(db, actorOf(request), request.params.id),
  );
  app.get(
    '/match-runs/:id',
    {
      schema: {
        tags,
        summary:
          'One run: pairs with scores and reasons, unmatched with why, summary, and whether it is stale',
        params: idParams,
        querystring: runPageQuery,
        response: { 200: runSchema },
      },
    },
    async (request) => getMatchRun(db, actorOf(request), request.params.id, request.query),
  );
  app.get(
    '/match-runs/:id/compare',
    {
      schema: {
        tags,
        summary: 'Compare this run (a) with another (b): changed pairs, score deltas, coverage',
        params: idParams,
        querystring: compareQuery,
        response: { 200: z.union([runComparisonSchema, groupComparisonSchema]) },
      },
    },
    async (request) => compareMatchRuns(db, actorOf(request), request.params.id, request.query.with),
  );
  app.post(
    '/match-runs/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish a draft run: create the relationships and queue the invitations (one transaction)',
        params: idParams,
        body: publishRunSchema.optional(),
        response: { 200: publishResultSchema },
      },
    },
    async (request) => publishMatchRun(db, actorOf(request), request.params.id, request.body ?? {}),
  );
  app.post(
    '/match-runs/:id/discard',
    {
      schema: { tags, summary: 'Discard a draft run', params: idParams, response: { 200: runSummarySchema } },
    },
    async (request) => discardMatchRun(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/rematch',
    {
      schema: {
        tags,
        summary:
          'Re-match declined and withdrawn people from the remaining places (accepted pairs untouched) and publish',
        params: idParams,
        body: rematchSchema,
        response: { 200: rematchResultSchema },
      },
    },
    async (request) => rematchProgramme(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/programmes/:id/pair-rules',
    {
      schema: {
        tags,
        summary: 'Locked and forbidden pairs',
        params: idParams,
        response: { 200: z.array(pairRuleResponseSchema) },
      },
    },
    async (request) => listPairRules(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/pair-rules',
    {
      schema: {
        tags,
        summary: 'Lock (always make) or forbid (never make) a pair',
        params: idParams,
        body: pairRuleSchema,
        response: { 201: pairRuleResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await setPairRule(db, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/programmes/:id/pair-rules/:ruleId',
    {
      schema: { tags, summary: 'Remove a lock or a ban', params: ruleParams, response: { 204: noContent } },
    },
    async (request, reply) => {
      await deletePairRule(db, actorOf(request), request.params.id, request.params.ruleId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/programmes/:id/shortlist',
    {
      schema: {
        tags,
        summary: 'For an enrolled mentee: candidate mentors the rules allow, by topic fit, and my ranking',
        params: idParams,
        querystring: shortlistQuery,
        response: { 200: shortlistResponseSchema },
      },
    },
    async (request) => getShortlist(db, actorOf(request), request.params.id, request.query),
  );
  app.put(
    '/programmes/:id/ranking',
    {
      schema: {
        tags,
        summary: 'For an enrolled mentee: rank mentors, best first (feeds the next run)',
        params: idParams,
        body: rankingSchema,
        response: { 200: rankingResponseSchema },
      },
    },
    async (request) => setRanking(db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/relationships/:id/respond',
    {
      schema: {
        tags,
        summary:
          'Accept or decline a proposed match (a decline may carry a private reason for the programme manager)',
        params: idParams,
        body: respondSchema,
        response: { 200: relationshipResponseSchema },
      },
    },
    async (request) => respondToMatch(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/programmes/:id/decline-reasons',
    {
      schema: {
        tags,
        summary: 'Decline reasons (programme managers only; each read is audited)',
        params: idParams,
        response: { 200: z.array(declineReasonResponseSchema) },
      },
    },
    async (request) => listDeclineReasons(db, actorOf(request), request.params.id),
  );
};

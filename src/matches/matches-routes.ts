// HTTP routes for match runs, locked/forbidden pairs, shortlists and rankings,
// accepting and declining, and re-matching. Thin: validate, call the use case.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { listDeclineReasons } from '../relationships/relationships.js';
import {
  compareMatchRuns,
  compareQuery,
  createMatchRun,
  createRunSchema,
  discardMatchRun,
  getMatchRun,
  listMatchRuns,
  runPageQuery,
} from './match-runs.js';
import { deletePairRule, listPairRules, pairRuleSchema, setPairRule } from './pair-rules.js';
import { publishMatchRun, publishRunSchema } from './publish-match-run.js';
import { rematchProgramme, rematchSchema } from './rematch.js';
import { respondSchema, respondToMatch } from './respond-to-match.js';
import { getShortlist, rankingSchema, setRanking, shortlistQuery } from './shortlist.js';

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
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMatchRun(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/programmes/:id/match-runs',
    { schema: { tags, summary: 'Runs of a programme, newest first (no pairs)', params: idParams } },
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
      },
    },
    async (request) => publishMatchRun(db, actorOf(request), request.params.id, request.body ?? {}),
  );
  app.post(
    '/match-runs/:id/discard',
    { schema: { tags, summary: 'Discard a draft run', params: idParams } },
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
      },
    },
    async (request) => rematchProgramme(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/programmes/:id/pair-rules',
    { schema: { tags, summary: 'Locked and forbidden pairs', params: idParams } },
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
      },
    },
    async (request, reply) =>
      reply.status(201).send(await setPairRule(db, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    '/programmes/:id/pair-rules/:ruleId',
    { schema: { tags, summary: 'Remove a lock or a ban', params: ruleParams } },
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
      },
    },
    async (request) => listDeclineReasons(db, actorOf(request), request.params.id),
  );
};

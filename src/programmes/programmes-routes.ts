import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent } from '../api/common.js';
import type { Db } from '../db/client.js';
import {
  enrol,
  enrolmentResponseSchema,
  enrolmentSummary,
  enrolmentSummarySchema,
  enrolSchema,
  getEnrolment,
  listEnrolments,
  listEnrolmentsQuery,
  updateEnrolment,
  updateEnrolmentSchema,
  withdrawEnrolment,
} from './enrolments.js';
import {
  createProgramme,
  createProgrammeSchema,
  deleteProgramme,
  getProgramme,
  listProgrammes,
  listProgrammesQuery,
  programmeResponseSchema,
  transitionProgramme,
  transitionSchema,
  updateProgramme,
  updateProgrammeSchema,
} from './programmes.js';
import {
  createTopic,
  deleteTopic,
  listTopics,
  topicInputSchema,
  topicResponseSchema,
  updateTopic,
} from './topics.js';

export const programmeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/topics',
    {
      schema: {
        tags: ['topics'],
        summary: 'The topic catalogue',
        response: { 200: z.array(topicResponseSchema) },
      },
    },
    async (request) => listTopics(db, actorOf(request)),
  );
  app.post(
    '/topics',
    {
      schema: {
        tags: ['topics'],
        summary: 'Add a topic',
        body: topicInputSchema,
        response: { 201: topicResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createTopic(db, actorOf(request), request.body)),
  );
  app.put(
    '/topics/:id',
    {
      schema: {
        tags: ['topics'],
        summary: 'Change a topic',
        params: idParams,
        body: topicInputSchema,
        response: { 200: topicResponseSchema },
      },
    },
    async (request) => updateTopic(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/topics/:id',
    {
      schema: {
        tags: ['topics'],
        summary: 'Remove an unused topic',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteTopic(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Programmes you may see',
        querystring: listProgrammesQuery,
        response: { 200: z.array(programmeResponseSchema) },
      },
    },
    async (request) => listProgrammes(db, actorOf(request), request.query),
  );
  app.post(
    '/programmes',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Create a programme (as a draft)',
        body: createProgrammeSchema,
        response: { 201: programmeResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createProgramme(db, actorOf(request), request.body)),
  );
  app.get(
    '/programmes/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'One programme',
        params: idParams,
        response: { 200: programmeResponseSchema },
      },
    },
    async (request) => getProgramme(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/programmes/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Change a programme (send the version you loaded)',
        params: idParams,
        body: updateProgrammeSchema,
        response: { 200: programmeResponseSchema },
      },
    },
    async (request) => updateProgramme(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/programmes/:id',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Delete a draft programme',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deleteProgramme(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/programmes/:id/transitions',
    {
      schema: {
        tags: ['programmes'],
        summary: 'Move a programme along draft -> enrolling -> matching -> active -> closed',
        params: idParams,
        body: transitionSchema,
        response: { 200: programmeResponseSchema },
      },
    },
    async (request) => transitionProgramme(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/programmes/:id/enrolments',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Enrolments (managers: all; participants: their own)',
        description:
          'An array ordered by name; with limit/offset it is one page. X-Total-Count gives the count: with a limit it stops 1,000 past the page unless count=exact, and X-Total-Exact is false when there are more.',
        params: idParams,
        querystring: listEnrolmentsQuery,
        response: { 200: z.array(enrolmentResponseSchema) },
      },
    },
    async (request, reply) => {
      const { items, total, totalExact } = await listEnrolments(
        db,
        actorOf(request),
        request.params.id,
        request.query,
      );
      reply.header('x-total-count', String(total));
      reply.header('x-total-exact', String(totalExact));
      return items;
    },
  );
  app.get(
    '/programmes/:id/enrolments/summary',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Counts for the enrolment overview (managers)',
        description:
          'Active mentors, mentees and mentoring places, withdrawals, and per topic how many offer and seek it.',
        params: idParams,
        response: { 200: enrolmentSummarySchema },
      },
    },
    async (request) => enrolmentSummary(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/enrolments',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Enrol (yourself, or anyone as a manager)',
        params: idParams,
        body: enrolSchema,
        response: { 201: enrolmentResponseSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await enrol(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/enrolments/:id',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'One enrolment',
        params: idParams,
        response: { 200: enrolmentResponseSchema },
      },
    },
    async (request) => getEnrolment(db, actorOf(request), request.params.id),
  );
  app.patch(
    '/enrolments/:id',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Update an enrolment profile',
        params: idParams,
        body: updateEnrolmentSchema,
        response: { 200: enrolmentResponseSchema },
      },
    },
    async (request) => updateEnrolment(db, actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/enrolments/:id/withdraw',
    {
      schema: {
        tags: ['enrolments'],
        summary: 'Withdraw from a programme',
        params: idParams,
        response: { 200: enrolmentResponseSchema },
      },
    },
    async (request) => withdrawEnrolment(db, actorOf(request), request.params.id),
  );
};

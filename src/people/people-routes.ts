import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams, noContent, pageOf } from '../api/common.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { importRoutes } from './import-routes.js';
import {
  createPerson,
  deletePerson,
  departmentsOf,
  getPerson,
  listPeople,
  listPeopleQuery,
  updatePerson,
} from './people.js';
import { createPersonSchema, personResponseSchema, updatePersonSchema } from './person-schema.js';

export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  await app.register(importRoutes, { db, config });

  app.get(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Search and page through people',
        querystring: listPeopleQuery,
        response: { 200: pageOf(personResponseSchema) },
      },
    },
    async (request) => listPeople(db, actorOf(request), request.query),
  );
  app.get(
    '/people/departments',
    { schema: { tags: ['people'], summary: 'Departments in use', response: { 200: z.array(z.string()) } } },
    async (request) => departmentsOf(db, actorOf(request)),
  );
  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'One person',
        params: idParams,
        response: { 200: personResponseSchema },
      },
    },
    async (request) => getPerson(db, actorOf(request), request.params.id),
  );
  app.post(
    '/people',
    {
      schema: {
        tags: ['people'],
        summary: 'Add a person',
        body: createPersonSchema,
        response: { 201: personResponseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createPerson(db, actorOf(request), request.body)),
  );
  app.patch(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Change a person (send the version you loaded)',
        params: idParams,
        body: updatePersonSchema,
        response: { 200: personResponseSchema },
      },
    },
    async (request) => updatePerson(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/people/:id',
    {
      schema: {
        tags: ['people'],
        summary: 'Erase a person (admins)',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      await deletePerson(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
};

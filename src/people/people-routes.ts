import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { importPeople } from './import-people.js';
import {
  createPerson,
  deletePerson,
  departmentsOf,
  getPerson,
  listPeople,
  listPeopleQuery,
  updatePerson,
} from './people.js';
import { createPersonSchema, updatePersonSchema } from './person-schema.js';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');
const importQuery = z.object({ skipInvalid: flag, dryRun: flag });

/** Upload size allowed for an import: 1 KB a row at the row cap, and never under 1 MB. */
export const importBodyLimit = (maxRows: number) => Math.max(1024 * 1024, maxRows * 1024);

export const peopleRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  const bodyLimit = importBodyLimit(config.TWOWAY_IMPORT_MAX_ROWS);
  // Kept as bytes: the import decodes the file itself.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.get(
    '/people',
    { schema: { tags: ['people'], summary: 'Search and page through people', querystring: listPeopleQuery } },
    async (request) => listPeople(db, actorOf(request), request.query),
  );
  app.get(
    '/people/departments',
    { schema: { tags: ['people'], summary: 'Departments in use' } },
    async (request) => departmentsOf(db, actorOf(request)),
  );
  app.get(
    '/people/:id',
    { schema: { tags: ['people'], summary: 'One person', params: idParams } },
    async (request) => getPerson(db, actorOf(request), request.params.id),
  );
  app.post(
    '/people',
    { schema: { tags: ['people'], summary: 'Add a person', body: createPersonSchema } },
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
      },
    },
    async (request) => updatePerson(db, actorOf(request), request.params.id, request.body),
  );
  app.delete(
    '/people/:id',
    { schema: { tags: ['people'], summary: 'Erase a person (admins)', params: idParams } },
    async (request, reply) => {
      await deletePerson(db, actorOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/people/import',
    {
      bodyLimit,
      schema: {
        tags: ['people'],
        summary: 'Import an HR export (text/csv); answers with a row-by-row report',
        description:
          'A file with any invalid row changes nothing (400 with the report in error.details) unless skipInvalid=true. dryRun=true only validates. A file of more rows than TWOWAY_IMPORT_MAX_ROWS answers 413.',
        querystring: importQuery,
        consumes: ['text/csv'],
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(
          'validation_failed',
          'Send the CSV file as the body with Content-Type: text/csv.',
          {
            fields: [{ path: 'content-type', message: 'must be text/csv' }],
          },
        );
      }
      const report = await importPeople(db, actorOf(request), request.body, {
        ...request.query,
        maxRows: config.TWOWAY_IMPORT_MAX_ROWS,
      });
      if (report.errors.length > 0 && !request.query.skipInvalid) {
        throw new AppError(
          'validation_failed',
          `The file has ${report.errors.length} problem(s); nothing was imported.`,
          {
            fields: report.errors.map((e) => ({
              path: `row ${e.row}${e.column ? `.${e.column}` : ''}`,
              message: e.message,
            })),
            details: { report },
          },
        );
      }
      return report;
    },
  );
};

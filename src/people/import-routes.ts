// HTTP routes of the people import: the mapping step (preview, saved mappings and grade
// levels), the import itself and the leavers file. Uploads are CSV (any of the encodings
// the import reads) or .xlsx, sent as the raw body.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { dateFormatSchema } from './import-dates.js';
import { fileOptionsSchema } from './import-file.js';
import { importLeavers, leaversRefused } from './import-leavers.js';
import {
  saveGradeLevels,
  saveGradesSchema,
  saveImportMapping,
  saveMappingSchema,
} from './import-mappings.js';
import { importPeople } from './import-people.js';
import { previewImport } from './import-preview.js';
import {
  gradeLevelsSchema,
  importPreviewSchema,
  importReportSchema,
  leaversReportSchema,
  savedMappingSchema,
} from './import-report.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const uploadTypes = ['text/csv', xlsxType];

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((v) => v === 'true' || v === '1');
const fileQuery = fileOptionsSchema.extend({ dateFormat: dateFormatSchema.optional() });
const importQuery = fileQuery.extend({ skipInvalid: flag, dryRun: flag });
const leaversQuery = fileQuery.extend({ dryRun: flag });

/** Upload size allowed for an import: 1 KB a row at the row cap, and never under 1 MB. */
export const importBodyLimit = (maxRows: number) => Math.max(1024 * 1024, maxRows * 1024);

function uploaded(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  throw new AppError(
    'validation_failed',
    'Send the file as the body with Content-Type: text/csv (or .xlsx).',
    {
      fields: [{ path: 'content-type', message: `must be text/csv or ${xlsxType}` }],
    },
  );
}

export const importRoutes: FastifyPluginAsyncZod<{ db: Db; config: Config }> = async (
  app,
  { db, config },
) => {
  const bodyLimit = importBodyLimit(config.TWOWAY_IMPORT_MAX_ROWS);
  const maxRows = config.TWOWAY_IMPORT_MAX_ROWS;
  // Kept as bytes: the import finds the encoding (or the workbook) itself.
  app.addContentTypeParser(uploadTypes, { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/people/import/preview',
    {
      bodyLimit,
      schema: {
        tags: ['people'],
        summary:
          'Read an HR export without importing it: header, first rows, proposed mapping, dates, grades',
        querystring: fileQuery,
        consumes: uploadTypes,
        response: { 200: importPreviewSchema },
      },
    },
    async (request) =>
      previewImport(db, actorOf(request), uploaded(request.body), { ...request.query, maxRows }),
  );
  app.put(
    '/people/import/mapping',
    {
      schema: {
        tags: ['people'],
        summary: "Save the mapping of a file header's columns; the next file with that header maps itself",
        body: saveMappingSchema,
        response: { 200: savedMappingSchema },
      },
    },
    async (request) => saveImportMapping(db, actorOf(request), request.body),
  );
  app.put(
    '/people/import/grades',
    {
      schema: {
        tags: ['people'],
        summary: 'Save the job level of grade names',
        body: saveGradesSchema,
        response: { 200: gradeLevelsSchema },
      },
    },
    async (request) => saveGradeLevels(db, actorOf(request), request.body),
  );
  app.post(
    '/people/import',
    {
      bodyLimit,
      schema: {
        tags: ['people'],
        summary: 'Import an HR export (CSV or .xlsx); answers with a row-by-row report',
        description:
          'Columns map through the mapping saved for the file header, else the HR system preset it matches, else common column names. A file with any invalid row changes nothing (400 with the report in error.details) unless skipInvalid=true. dryRun=true only validates. A file of more rows than TWOWAY_IMPORT_MAX_ROWS answers 413.',
        querystring: importQuery,
        consumes: uploadTypes,
        response: { 200: importReportSchema },
      },
    },
    async (request) => {
      const report = await importPeople(db, actorOf(request), uploaded(request.body), {
        ...request.query,
        maxRows,
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
  app.post(
    '/people/leavers',
    {
      bodyLimit,
      schema: {
        tags: ['people'],
        summary:
          'Import leavers (employee id or email, leave date, reason): sets who left, changes nothing else',
        querystring: leaversQuery,
        consumes: uploadTypes,
        response: { 200: leaversReportSchema },
      },
    },
    async (request) => {
      const report = await importLeavers(db, actorOf(request), uploaded(request.body), {
        ...request.query,
        maxRows,
      });
      if (report.errors.length > 0) throw leaversRefused(report);
      return report;
    },
  );
};

// HTTP routes for programme health and outcome reports. Thin: validate, call the use case.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../identity/actor.js';
import { requireProgramme } from '../programmes/programmes.js';
import { momentumQuery, momentumSchema, programmeMomentum } from './momentum.js';
import { learningCsv, promotionsCsv, qualityCsv, retentionCsv, skillsCsv } from './report-csv.js';
import { reportPdf } from './report-pdf.js';
import {
  followUpReportSchema,
  learningReportSchema,
  qualityReportSchema,
  skillsReportSchema,
} from './report-schemas.js';
import {
  learningReport,
  promotionsReport,
  qualityReport,
  retentionQuery,
  retentionReport,
} from './reports.js';
import {
  readSelfAssessment,
  selfAssessmentInput,
  selfAssessmentSchema,
  submitSelfAssessment,
} from './self-assessments.js';
import { skillsReport } from './skills-report.js';

/** A PDF goes out as bytes (Fastify sends a Buffer as it is); documented as a binary string. */
const pdfBody = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });

/** Sends a report as a CSV download. */
function csv(reply: FastifyReply, name: string, programmeId: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}-${programmeId}.csv"`)
    .send(body);
}

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
        response: { 200: momentumSchema },
      },
    },
    async (request) => programmeMomentum(db, actorOf(request), request.params.id, request.query),
  );
  // Retention and promotions: participants against matched colleagues, the same shape.
  const followUps = [
    {
      name: 'retention',
      summary:
        'Retention report (sponsors, managers): participants against matched non-participants, survival curves with 95% bands, log-rank, Cox hazard ratio',
      read: retentionReport,
      asCsv: retentionCsv,
    },
    {
      name: 'promotions',
      summary:
        'Promotions report (sponsors, managers): time to a first promotion after the start, participants against matched non-participants, curves with 95% bands, log-rank, Cox hazard ratio',
      read: promotionsReport,
      asCsv: promotionsCsv,
    },
  ] as const;
  for (const { name, summary, read, asCsv } of followUps)
    app.get(
      `/programmes/:id/reports/${name}`,
      {
        schema: {
          tags: ['insights'],
          summary,
          params: idParams,
          querystring: retentionQuery.extend(formatQuery.shape),
          response: { 200: followUpReportSchema },
        },
      },
      async (request, reply) => {
        const { format, ...query } = request.query;
        const report = await read(db, actorOf(request), request.params.id, query);
        return format === 'csv' ? csv(reply, name, request.params.id, asCsv(report)) : report;
      },
    );
  // Skills, learning and quality: read from published snapshots, as JSON or CSV.
  const publishedReport = <T>(report: {
    name: string;
    summary: string;
    /** The response shape (the readers build wider types than the schema names). */
    schema: z.ZodType;
    read: (db: Db, actor: Actor, programmeId: string) => Promise<T>;
    asCsv: (report: T) => string;
  }) =>
    app.get(
      `/programmes/:id/reports/${report.name}`,
      {
        schema: {
          tags: ['insights'],
          summary: report.summary,
          params: idParams,
          querystring: formatQuery,
          response: { 200: report.schema },
        },
      },
      async (request, reply) => {
        const body = await report.read(db, actorOf(request), request.params.id);
        return request.query.format === 'csv'
          ? csv(reply, report.name, request.params.id, report.asCsv(body))
          : body;
      },
    );
  publishedReport({
    name: 'skills',
    summary:
      'Skills report (sponsors, managers): self-assessed uplift from enrolment to the midpoint and to closing, by side, topic category and topic, with paired 95% intervals',
    schema: skillsReportSchema,
    read: skillsReport,
    asCsv: skillsCsv,
  });
  app.get(
    '/programmes/:id/self-assessment',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Your own skills self-assessment in a programme: the rating scale, the topics you seek, and each phase (enrolment, midpoint, closing) with whether it is open and your answers',
        params: idParams,
        response: { 200: selfAssessmentSchema },
      },
    },
    async (request) => readSelfAssessment(db, actorOf(request), request.params.id),
  );
  app.post(
    '/programmes/:id/self-assessment',
    {
      schema: {
        tags: ['insights'],
        summary: 'Rate yourself (1-5) in the topics you seek for one open phase; each phase is answered once',
        params: idParams,
        body: selfAssessmentInput,
        response: { 201: selfAssessmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await submitSelfAssessment(db, actorOf(request), request.params.id, request.body)),
  );
  publishedReport({
    name: 'learning',
    summary:
      'Learning report (sponsors, managers): learning-log entries by direction, topic and department, the upward view, reciprocity',
    schema: learningReportSchema,
    read: learningReport,
    asCsv: learningCsv,
  });
  publishedReport({
    name: 'quality',
    summary:
      'Relationship quality report (sponsors, managers): value, felt heard and talk balance by month, momentum',
    schema: qualityReportSchema,
    read: qualityReport,
    asCsv: qualityCsv,
  });
  app.get(
    '/programmes/:id/reports/pdf',
    {
      schema: {
        tags: ['insights'],
        summary:
          'The programme’s outcome report as a PDF (sponsors, managers): retention, learning and quality',
        params: idParams,
        response: {
          200: {
            description: 'The report as a PDF document',
            content: { 'application/pdf': { schema: pdfBody } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      const retention = await retentionReport(db, actor, id, { side: 'all' });
      const promotions = await promotionsReport(db, actor, id, { side: 'all' });
      const skills = await skillsReport(db, actor, id);
      const learning = await learningReport(db, actor, id);
      const quality = await qualityReport(db, actor, id);
      const { name } = await requireProgramme(db, actor, id);
      const pdf = await reportPdf(name, { retention, promotions, skills, learning, quality });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="report-${id}.pdf"`)
        .send(pdf);
    },
  );
};

// HTTP routes for programme health and outcome reports. Thin: validate, call the use case.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../api/auth-plugin.js';
import { idParams } from '../api/common.js';
import type { Db } from '../db/client.js';
import { requireProgramme } from '../programmes/programmes.js';
import { momentumQuery, momentumSchema, programmeMomentum } from './momentum.js';
import { learningCsv, qualityCsv, retentionCsv } from './report-csv.js';
import { reportPdf } from './report-pdf.js';
import { learningReport, qualityReport, retentionQuery, retentionReport } from './reports.js';

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
  app.get(
    '/programmes/:id/reports/retention',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Retention report (sponsors, managers): participants against matched non-participants, survival curves with 95% bands, log-rank, Cox hazard ratio',
        params: idParams,
        querystring: retentionQuery.extend(formatQuery.shape),
      },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const report = await retentionReport(db, actorOf(request), request.params.id, query);
      return format === 'csv' ? csv(reply, 'retention', request.params.id, retentionCsv(report)) : report;
    },
  );
  // The learning and quality reports take the same parameters and answer JSON or CSV alike.
  const simpleReports = [
    {
      name: 'learning',
      summary:
        'Learning report (sponsors, managers): learning-log entries by direction, topic and department, the upward view, reciprocity',
      read: async (actor: ReturnType<typeof actorOf>, id: string) => {
        const report = await learningReport(db, actor, id);
        return { report, csv: () => learningCsv(report) };
      },
    },
    {
      name: 'quality',
      summary:
        'Relationship quality report (sponsors, managers): value, felt heard and talk balance by month, momentum',
      read: async (actor: ReturnType<typeof actorOf>, id: string) => {
        const report = await qualityReport(db, actor, id);
        return { report, csv: () => qualityCsv(report) };
      },
    },
  ] as const;
  for (const { name, summary, read } of simpleReports)
    app.get(
      `/programmes/:id/reports/${name}`,
      { schema: { tags: ['insights'], summary, params: idParams, querystring: formatQuery } },
      async (request, reply) => {
        const { report, csv: asCsv } = await read(actorOf(request), request.params.id);
        return request.query.format === 'csv' ? csv(reply, name, request.params.id, asCsv()) : report;
      },
    );
  app.get(
    '/programmes/:id/reports/pdf',
    {
      schema: {
        tags: ['insights'],
        summary:
          'The programme’s outcome report as a PDF (sponsors, managers): retention, learning and quality',
        params: idParams,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      const retention = await retentionReport(db, actor, id, { side: 'all' });
      const [learning, quality] = [await learningReport(db, actor, id), await qualityReport(db, actor, id)];
      const { name } = await requireProgramme(db, actor, id);
      const pdf = await reportPdf(name, { retention, learning, quality });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="report-${id}.pdf"`)
        .send(pdf);
    },
  );
};

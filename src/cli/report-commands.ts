// `twoway report`: a programme’s outcome reports (retention, promotions, skills, learning, quality) as JSON or
// CSV on stdout, with the same disclosure control as the web app.
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { systemActor } from '../identity/system-actor.js';
import {
  type CsvRow,
  followUpRows,
  learningRows,
  qualityRows,
  skillsRows,
  toCsv,
} from '../insights/report-csv.js';
import { reportPdf } from '../insights/report-pdf.js';
import {
  learningReport,
  promotionsReport,
  qualityReport,
  retentionQuery,
  retentionReport,
} from '../insights/reports.js';
import { skillsReport } from '../insights/skills-report.js';
import { requireProgramme } from '../programmes/programmes.js';

const reports = ['retention', 'promotions', 'skills', 'learning', 'quality'] as const;

interface Helpers {
  withDatabase: <T>(run: (database: Database, config: Config) => Promise<T>) => Promise<T>;
  resolveOrg: (database: Database, slug: string | undefined) => Promise<string>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerReportCommands(program: Command, { withDatabase, resolveOrg }: Helpers): void {
  program
    .command('report')
    .description(
      'outcome reports of a programme (retention, promotions, skills, learning, quality), small groups hidden',
    )
    .requiredOption('--programme <id>', 'programme id (see `twoway programmes list`)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'csv', 'pdf']).default('json'),
    )
    .addOption(new Option('--report <report>', 'one report only').choices([...reports, 'all']).default('all'))
    .option('--as-of <date>', 'retention followed up to this date (YYYY-MM-DD), today by default')
    .option('-o, --output <file>', 'write here instead of stdout (needed for pdf)')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(
      async (opts: {
        programme: string;
        format: 'json' | 'csv' | 'pdf';
        output?: string;
        report: (typeof reports)[number] | 'all';
        asOf?: string;
        org?: string;
      }) => {
        if (!uuid.test(opts.programme))
          throw new AppError(
            'validation_failed',
            '--programme must be an id (UUID), like `twoway programmes list` prints.',
            {
              fields: [{ path: '--programme', message: 'must be an id (UUID)' }],
            },
          );
        const query = retentionQuery.safeParse({ asOf: opts.asOf });
        if (!query.success)
          throw new AppError(
            'validation_failed',
            `--as-of ${query.error.issues[0]?.message ?? 'is not valid'}`,
            {
              fields: [{ path: '--as-of', message: query.error.issues[0]?.message ?? 'is not valid' }],
            },
          );
        if (opts.format === 'pdf' && !opts.output)
          throw new AppError('validation_failed', '--format pdf needs --output <file>.', {
            fields: [{ path: '--output', message: 'is required for pdf' }],
          });
        const wanted = opts.format === 'pdf' || opts.report === 'all' ? reports : [opts.report];
        await withDatabase(async (database) => {
          const actor = systemActor(await resolveOrg(database, opts.org));
          const out: Record<string, unknown> = {};
          const rows: CsvRow[] = [];
          const tag = (report: string, list: CsvRow[]) =>
            rows.push(...list.map((r) => ({ ...r, table: `${report}: ${r.table}` })));
          const db = database.db;
          const id = opts.programme;
          // Each report with its CSV rows, by name.
          const run = {
            retention: async () => {
              const r = await retentionReport(db, actor, id, query.data);
              return { r, rows: followUpRows(r, 'retention') };
            },
            promotions: async () => {
              const r = await promotionsReport(db, actor, id, query.data);
              return { r, rows: followUpRows(r, 'promotions') };
            },
            skills: async () => {
              const r = await skillsReport(db, actor, id);
              return { r, rows: skillsRows(r) };
            },
            learning: async () => {
              const r = await learningReport(db, actor, id);
              return { r, rows: learningRows(r) };
            },
            quality: async () => {
              const r = await qualityReport(db, actor, id);
              return { r, rows: qualityRows(r) };
            },
          };
          for (const name of wanted) {
            const { r, rows: list } = await run[name]();
            out[name] = r;
            tag(name, list);
          }
          const content =
            opts.format === 'pdf'
              ? await reportPdf(
                  (await requireProgramme(database.db, actor, opts.programme)).name,
                  out as never,
                )
              : opts.format === 'csv'
                ? toCsv(rows)
                : `${JSON.stringify(out, null, 2)}\n`;
          if (opts.output) writeFileSync(opts.output, content);
          else process.stdout.write(content);
        });
      },
    );
}

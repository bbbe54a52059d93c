// The `twoway` command: every administrative job, through the same use cases as the API.
import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { type Config, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { organisations } from '../db/schema.js';
import { demoPassword } from '../demo/generate.js';
import { seedDemo } from '../demo/seed-demo.js';
import { AppError, zodFields } from '../errors.js';
import { systemActor } from '../identity/system-actor.js';
import { publicUrl } from '../identity/tokens.js';
import { createMatchRun, listMatchRuns } from '../matches/match-runs.js';
import { publishMatchRun } from '../matches/publish-match-run.js';
import { rematchProgramme } from '../matches/rematch.js';
import { sendDueNotifications, smtpMailer } from '../notifications/sender.js';
import { columnMappingSchema } from '../people/import-columns.js';
import { type DateFormat, dateFormatSchema, dateFormats } from '../people/import-dates.js';
import { type ImportEncoding, importEncodings } from '../people/import-file.js';
import { importLeavers } from '../people/import-leavers.js';
import { importPeople } from '../people/import-people.js';
import { previewImport } from '../people/import-preview.js';
import { programmeStatusSchema } from '../programmes/lifecycle.js';
import { listProgrammes } from '../programmes/programmes.js';
import { openConfiguredDatabase, startServer } from '../server.js';
import { registerMatchingCommands } from './matching-commands.js';
import { registerOperationsCommands } from './operations-commands.js';
import { callApi, type RemoteOptions, remoteOf, remoteOptions } from './remote.js';
import { registerReportCommands } from './report-commands.js';

const integer = (name: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}.`);
  return n;
};

function progressBar(label: string) {
  const bar = new SingleBar({
    format: `${label} [{bar}] {percentage}% | {value}/{total}`,
    stream: process.stderr,
    hideCursor: true,
  });
  let started = false;
  return {
    update(done: number, total: number) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

const mappingFileSchema = z.object({
  mapping: columnMappingSchema,
  dateFormat: dateFormatSchema.nullable().optional(),
});

/** A mapping file as --write-mapping writes it (header and preset are for the reader). */
function readMappingFile(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('validation_failed', `Cannot read the mapping ${path}: ${(err as Error).message}`, {
      fields: [{ path: 'mapping', message: 'must be a readable JSON file' }],
    });
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success)
    throw new AppError('validation_failed', `The mapping ${path} is not valid.`, {
      fields: zodFields(parsed.error.issues).map((f) => ({ path: `mapping.${f.path}`, message: f.message })),
    });
  return { mapping: parsed.data.mapping, dateFormat: parsed.data.dateFormat ?? undefined };
}

async function withDatabase<T>(run: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await database.exclusively(() => database.migrate());
    return await run(database, config);
  } finally {
    await database.close();
  }
}

/** The organisation named by --org, or the only one there is. */
async function resolveOrg(database: Database, slug: string | undefined): Promise<string> {
  const all = await database.db
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .orderBy(asc(organisations.slug));
  if (slug) {
    const hit = all.find((o) => o.slug === slug);
    if (!hit)
      throw new AppError(
        'not_found',
        `No organisation "${slug}". Known: ${all.map((o) => o.slug).join(', ') || 'none'}.`,
      );
    return hit.id;
  }
  if (all.length === 1 && all[0]) return all[0].id;
  throw new AppError(
    'validation_failed',
    `Say which organisation with --org <slug> (known: ${all.map((o) => o.slug).join(', ') || 'none'}).`,
    {
      fields: [{ path: '--org', message: 'is required when there is not exactly one organisation' }],
    },
  );
}

export function buildCli(): Command {
  const program = new Command('twoway')
    .description(
      'Twoway: mentoring programmes (conventional, reverse, mutual). Uses DATABASE_URL, or PGlite in TWOWAY_DATA_DIR (default ./.twoway).',
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('serve')
    .description('serve the web app and API (same as npm start)')
    .option('-p, --port <port>', 'port to listen on', integer('port', 0, 65535))
    .action(async (opts: { port?: number }) => {
      const config = loadConfig({
        ...process.env,
        ...(opts.port !== undefined ? { PORT: String(opts.port) } : {}),
      });
      const server = await startServer(config);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await server.stop();
    });

  program
    .command('migrate')
    .description('apply database migrations')
    .action(async () => {
      await withDatabase(async (database) => {
        process.stdout.write(`Migrations applied (${database.kind}).\n`);
      });
    });

  program
    .command('demo')
    .description('create a demo organisation: a multigenerational company with three enrolling programmes')
    .option('--people <n>', 'number of people', integer('--people', 50, 200_000), 600)
    .option('--seed <s>', 'random seed (same seed, same company)', integer('--seed', 0, 2 ** 31 - 1), 1)
    .option('--slug <slug>', 'organisation slug', 'northwind')
    .option('--replace', 'replace an existing organisation with this slug')
    .action(async (opts: { people: number; seed: number; slug: string; replace?: boolean }) => {
      await withDatabase(async (database) => {
        const bar = progressBar('demo');
        try {
          const { demo } = await seedDemo(database.db, { ...opts, onProgress: bar.update });
          bar.stop();
          process.stdout.write(
            `Created "${demo.name}" (${demo.slug}): ${demo.people.length} people, ${demo.programmes.length} programmes, ${demo.enrolments.length} enrolments.\n` +
              `Demo accounts (password ${demoPassword}):\n${demo.accounts.map((a) => `  ${a.email}  ${a.label}`).join('\n')}\n`,
          );
        } finally {
          bar.stop();
        }
      });
    });

  const importCmd = program.command('import').description('import data from files');
  const readUpload = (file: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new AppError('validation_failed', `Cannot read ${file}: ${(err as Error).message}`, {
        fields: [{ path: 'file', message: 'cannot be read' }],
      });
    }
  };
  const fileOptions = (cmd: Command) =>
    cmd
      .addOption(new Option('--date-format <format>', 'how dates are written').choices(dateFormats))
      .addOption(
        new Option('--encoding <encoding>', 'text encoding of a CSV (detected if left out)').choices(
          importEncodings,
        ),
      )
      .option('--sheet <name>', 'sheet of an .xlsx workbook (the first if left out)');
  type FileFlags = { dateFormat?: DateFormat; encoding?: ImportEncoding; sheet?: string };
  const printProblems = (errors: { row: number; column: string | null; message: string }[]) => {
    for (const e of errors)
      process.stderr.write(`row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message}\n`);
  };

  fileOptions(
    importCmd
      .command('people <file>')
      .description(
        'import people from an HR export (CSV in UTF-8, UTF-16, Windows-1252 or ISO-8859-1, or .xlsx). Columns map through --mapping, else the mapping saved for the header, else the HR system preset or common names. Nothing changes if any row is invalid, unless --skip-invalid',
      ),
  )
    .option('--org <slug>', 'organisation (needed when there are several)')
    .option(
      '--mapping <map.json>',
      'column mapping to use: {"mapping": {"name": "Full Name", ...}, "dateFormat": "DD.MM.YYYY"}',
    )
    .option(
      '--write-mapping <map.json>',
      'write the proposed mapping (to edit and pass back with --mapping) and stop',
    )
    .option('--skip-invalid', 'import the valid rows and skip the invalid ones')
    .option('--dry-run', 'validate only; change nothing')
    .option('--json', 'print the report as JSON')
    .action(
      async (
        file: string,
        opts: FileFlags & {
          org?: string;
          mapping?: string;
          writeMapping?: string;
          skipInvalid?: boolean;
          dryRun?: boolean;
          json?: boolean;
        },
      ) => {
        const bytes = readUpload(file);
        const given = opts.mapping ? readMappingFile(opts.mapping) : undefined;
        await withDatabase(async (database, config) => {
          const orgId = await resolveOrg(database, opts.org);
          const fileOpts = {
            dateFormat: opts.dateFormat ?? given?.dateFormat,
            encoding: opts.encoding,
            sheet: opts.sheet,
          };
          if (opts.writeMapping) {
            const preview = await previewImport(database.db, systemActor(orgId), bytes, {
              ...fileOpts,
              maxRows: config.TWOWAY_IMPORT_MAX_ROWS,
            });
            const out = {
              header: preview.header,
              preset: preview.preset?.name ?? null,
              mapping: preview.mapping,
              dateFormat: preview.dateFormat,
            };
            writeFileSync(opts.writeMapping, `${JSON.stringify(out, null, 2)}\n`);
            process.stdout.write(
              `Wrote the proposed mapping (${preview.mappingSource}${preview.preset ? `, ${preview.preset.name}` : ''}) to ${opts.writeMapping}.\n`,
            );
            for (const p of preview.problems) process.stderr.write(`${p.column ?? 'file'}: ${p.message}\n`);
            return;
          }
          const bar = progressBar('import');
          const report = await importPeople(
            database.db,
            systemActor(orgId),
            bytes,
            {
              ...fileOpts,
              mapping: given?.mapping,
              skipInvalid: Boolean(opts.skipInvalid),
              dryRun: Boolean(opts.dryRun),
              maxRows: config.TWOWAY_IMPORT_MAX_ROWS,
            },
            bar.update,
          ).finally(() => bar.stop());
          if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          else {
            printProblems(report.errors);
            process.stdout.write(
              `${report.applied ? 'Imported' : report.dryRun && report.errors.length === 0 ? 'Checked (dry run)' : 'Nothing imported'}: ${report.rows} rows, ${report.created} new, ${report.updated} updated, ${report.skipped} skipped, ${report.errors.length} problem(s).\n`,
            );
          }
          if (report.errors.length > 0 && !opts.skipInvalid) process.exitCode = 2;
        });
      },
    );

  fileOptions(
    importCmd
      .command('leavers <file>')
      .description(
        'set who left (columns: employee id or email, leave date, reason), changing nothing else; nothing changes if any row is invalid',
      ),
  )
    .option('--org <slug>', 'organisation (needed when there are several)')
    .option('--dry-run', 'validate only; change nothing')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: FileFlags & { org?: string; dryRun?: boolean; json?: boolean }) => {
      const bytes = readUpload(file);
      await withDatabase(async (database, config) => {
        const orgId = await resolveOrg(database, opts.org);
        const report = await importLeavers(database.db, systemActor(orgId), bytes, {
          dateFormat: opts.dateFormat,
          encoding: opts.encoding,
          sheet: opts.sheet,
          dryRun: Boolean(opts.dryRun),
          maxRows: config.TWOWAY_IMPORT_MAX_ROWS,
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        else {
          printProblems(report.errors);
          process.stdout.write(
            `${report.applied ? 'Updated' : 'Nothing changed'}: ${report.rows} rows, ${report.updated} leavers, ${report.errors.length} problem(s).\n`,
          );
        }
        if (report.errors.length > 0) process.exitCode = 2;
      });
    });

  const programmesCmd = program.command('programmes').description('mentoring programmes');
  remoteOptions(
    programmesCmd
      .command('list')
      .description('list programmes with their status and enrolment counts')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .addOption(
        new Option('--status <status>', 'only programmes in this status').choices(
          programmeStatusSchema.options,
        ),
      )
      .option('--json', 'print JSON'),
  ).action(
    async (
      opts: RemoteOptions & {
        org?: string;
        status?: (typeof programmeStatusSchema.options)[number];
        json?: boolean;
      },
    ) => {
      const remote = remoteOf(opts);
      const list = remote
        ? await callApi<Awaited<ReturnType<typeof listProgrammes>>>(
            remote,
            'GET',
            `/programmes${opts.status ? `?status=${opts.status}` : ''}`,
          )
        : await withDatabase(async (database) => {
            const orgId = await resolveOrg(database, opts.org);
            return listProgrammes(
              database.db,
              systemActor(orgId),
              opts.status ? { status: opts.status } : {},
            );
          });
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write('No programmes.\n');
      for (const p of list) {
        process.stdout.write(
          `${p.id}  ${p.status.padEnd(9)}  ${p.kind.padEnd(12)}  ${String(p.enrolled?.mentors ?? 0).padStart(4)} mentors  ${String(p.enrolled?.mentees ?? 0).padStart(4)} mentees  ${p.name}\n`,
        );
      }
    },
  );

  registerMatchingCommands(program);
  registerOperationsCommands(program);
  registerReportCommands(program, { withDatabase, resolveOrg });
  const uuidOf = (name: string, value: string) => {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) {
      throw new AppError(
        'validation_failed',
        `${name} must be an id (UUID), like the ones \`twoway programmes list\` prints.`,
        {
          fields: [{ path: name, message: 'must be an id (UUID)' }],
        },
      );
    }
    return value;
  };
  const matchesCmd = program
    .command('matches')
    .description('matching runs of a programme: run, list, publish, re-match');
  const objectiveOption = () =>
    new Option('--objective <objective>', 'what to optimise').choices(['total', 'fairest', 'stable']);
  const printRun = (run: {
    id: string;
    status: string;
    mode: string;
    pairCount?: number;
    unmatchedCount?: number;
    summary?: { meanScore?: number } | { meanFit: number };
  }) => {
    // A circles run's mean is its members' topic fit.
    const mean =
      run.summary && 'meanFit' in run.summary ? run.summary.meanFit : (run.summary?.meanScore ?? 0);
    process.stdout.write(
      `${run.id}  ${run.status.padEnd(9)}  ${run.mode.padEnd(7)}  ${String(run.pairCount ?? 0).padStart(5)} pairs  ${String(run.unmatchedCount ?? 0).padStart(5)} unmatched  mean score ${mean.toFixed(3)}\n`,
    );
  };
  remoteOptions(
    matchesCmd
      .command('run <programmeId>')
      .description('run matching on a programme in the matching stage and store the run as a draft')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .addOption(objectiveOption())
      .option('--json', 'print the whole run as JSON'),
  ).action(
    async (
      programmeId: string,
      opts: RemoteOptions & { org?: string; objective?: 'total' | 'fairest' | 'stable'; json?: boolean },
    ) => {
      const id = uuidOf('programmeId', programmeId);
      const input = { settings: opts.objective ? { objective: opts.objective } : {} };
      const remote = remoteOf(opts);
      const run = remote
        ? await callApi<Awaited<ReturnType<typeof createMatchRun>>>(
            remote,
            'POST',
            `/programmes/${id}/match-runs`,
            input,
          )
        : await withDatabase(async (database) =>
            createMatchRun(database.db, systemActor(await resolveOrg(database, opts.org)), id, input),
          );
      if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      else printRun(run);
    },
  );
  remoteOptions(
    matchesCmd
      .command('list <programmeId>')
      .description('list the runs of a programme, newest first')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .option('--json', 'print JSON'),
  ).action(async (programmeId: string, opts: RemoteOptions & { org?: string; json?: boolean }) => {
    const id = uuidOf('programmeId', programmeId);
    const remote = remoteOf(opts);
    const runs = remote
      ? await callApi<Awaited<ReturnType<typeof listMatchRuns>>>(
          remote,
          'GET',
          `/programmes/${id}/match-runs`,
        )
      : await withDatabase(async (database) =>
          listMatchRuns(database.db, systemActor(await resolveOrg(database, opts.org)), id),
        );
    if (opts.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0) process.stdout.write('No runs.\n');
    else for (const run of runs) printRun(run);
  });
  remoteOptions(
    matchesCmd
      .command('publish <runId>')
      .description('publish a draft run: create the relationships and queue the invitations')
      .option('--org <slug>', 'organisation (needed when there are several)'),
  ).action(async (runId: string, opts: RemoteOptions & { org?: string }) => {
    const id = uuidOf('runId', runId);
    const remote = remoteOf(opts);
    const result = remote
      ? await callApi<Awaited<ReturnType<typeof publishMatchRun>>>(
          remote,
          'POST',
          `/match-runs/${id}/publish`,
          {},
        )
      : await withDatabase(async (database) =>
          publishMatchRun(database.db, systemActor(await resolveOrg(database, opts.org)), id),
        );
    process.stdout.write(
      `Published ${result.run.id}: ${result.relationshipsCreated} relationships proposed, ${result.invitationsQueued} invitations queued.\n`,
    );
  });
  matchesCmd
    .command('rematch <programmeId>')
    .description('re-match declined and withdrawn people from the remaining places, and publish')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .addOption(objectiveOption())
    .action(
      async (programmeId: string, opts: { org?: string; objective?: 'total' | 'fairest' | 'stable' }) => {
        await withDatabase(async (database) => {
          const orgId = await resolveOrg(database, opts.org);
          const result = await rematchProgramme(
            database.db,
            systemActor(orgId),
            uuidOf('programmeId', programmeId),
            { settings: opts.objective ? { objective: opts.objective } : {} },
          );
          process.stdout.write(
            `Re-matched: ${result.relationshipsCreated} new proposals, ${result.run.unmatchedCount} still unmatched, ${result.proposalsWithdrawn} orphaned proposals withdrawn.\n`,
          );
        });
      },
    );

  program
    .command('notifications')
    .description('notification outbox')
    .command('send')
    .description('send the notifications that are due through SMTP (retries failures later)')
    .requiredOption('--smtp-host <host>', 'SMTP server host')
    .option('--smtp-port <port>', 'SMTP server port', integer('--smtp-port', 1, 65535), 587)
    .requiredOption('--from <address>', 'sender address')
    .option('--batch <n>', 'notifications per batch', integer('--batch', 1, 1000), 50)
    .option('--no-tls', 'do not upgrade to TLS (local test servers)')
    .action(
      async (opts: { smtpHost: string; smtpPort: number; from: string; batch: number; tls: boolean }) => {
        await withDatabase(async (database) => {
          const mailer = smtpMailer({
            host: opts.smtpHost,
            port: opts.smtpPort,
            from: opts.from,
            ignoreTLS: !opts.tls,
          });
          let sent = 0;
          let failed = 0;
          for (;;) {
            const r = await sendDueNotifications(database.db, mailer, opts.batch, undefined, {
              baseUrl: publicUrl(loadConfig()),
            });
            sent += r.sent;
            failed += r.failed;
            if (r.sent + r.failed < opts.batch || r.sent === 0) break;
          }
          process.stdout.write(`Sent ${sent} notification(s); ${failed} failed and will be retried.\n`);
          if (failed > 0) process.exitCode = 1;
        });
      },
    );

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof AppError) {
      process.stderr.write(`error: ${err.message}\n`);
      for (const f of err.fields ?? []) process.stderr.write(`  ${f.path}: ${f.message}\n`);
      return err.code === 'validation_failed' ? 2 : 1;
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

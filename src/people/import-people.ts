// Imports an HR-system export. The file is checked first (import-check.ts), in a worker
// thread when it is large, so parsing and checking never hold up other requests; a file
// with any bad row changes nothing unless `skipInvalid` is set. Then the rows are written
// in bounded batches inside one transaction, so the import stays all or nothing. People
// are matched by employee id, then by email, so re-importing updates rather than duplicates.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, runsInProcess, type Tx } from '../db/client.js';
import { duringLongWrite } from '../db/long-write.js';
import { people } from '../db/schema.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import {
  type CheckHost,
  type CheckOptions,
  type ExistingPerson,
  type ImportReport,
  PeopleCheck,
  type WriteBatch,
  writeColumns,
} from './import-check.js';
import type { ColumnMapping } from './import-columns.js';
import { dateFormatSchema } from './import-dates.js';
import { fileOptionsSchema } from './import-file.js';
import { planLookupsOf } from './import-mappings.js';
import { type RunningCheck, startCheckWorker } from './import-worker.js';
import { settlePeopleSearch } from './people.js';

export type { ImportProblem, ImportReport } from './import-check.js';

export const importOptionsSchema = fileOptionsSchema.extend({
  skipInvalid: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  dateFormat: dateFormatSchema.optional(),
});
export type ImportOptions = z.input<typeof importOptionsSchema> & {
  /** Most data rows one file may hold (TWOWAY_IMPORT_MAX_ROWS); more answers 413 before anything is written. */
  maxRows: number;
  /** Columns to fields, overriding the saved or proposed mapping (the CLI's --mapping). */
  mapping?: ColumnMapping | undefined;
  /** Check in a worker thread: by default only files of `workerFromBytes` or more. */
  worker?: boolean | undefined;
};

/** Files from this size are checked in a worker thread; starting one costs more than checking a small file. */
export const workerFromBytes = 1024 * 1024;

type Progress = (done: number, total: number) => void;

/** Validates and (unless told otherwise) applies a people file for the actor's organisation. */
export async function importPeople(
  db: Db,
  actor: Actor,
  file: string | Buffer,
  options: ImportOptions,
  onProgress?: Progress,
): Promise<ImportReport> {
  assertRole(actor, 'org_admin', 'programme_manager');
  const bytes = typeof file === 'string' ? Buffer.from(file) : file;
  const checkOptions: CheckOptions = {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    skipInvalid: Boolean(options.skipInvalid),
    dryRun: Boolean(options.dryRun),
    dateFormat: options.dateFormat,
    maxRows: options.maxRows,
    mapping: options.mapping,
  };
  const host = checkHostOf(db, actor.orgId);
  const check: RunningCheck =
    (options.worker ?? bytes.length >= workerFromBytes)
      ? startCheckWorker(bytes, checkOptions, host)
      : inThisThread(new PeopleCheck(bytes, checkOptions, host));
  try {
    const { report, write, toWrite } = await check.run();
    if (!write) return report;
    await applyImport(db, actor, check, toWrite, report, onProgress);
    return { ...report, applied: true };
  } finally {
    await check.close();
  }
}

const inThisThread = (check: PeopleCheck): RunningCheck => ({
  run: () => check.run(),
  nextBatch: (size) => check.nextBatch(size),
  close: async () => {},
});

// Pages of people already stored: small enough that one page on the embedded database
// (which runs in this thread) is a short pause.
const existingPageSize = 5000;

function checkHostOf(db: Db, orgId: string): CheckHost {
  return {
    ...planLookupsOf(db, orgId),
    existingPeople: (after): Promise<ExistingPerson[]> =>
      db
        .select({
          id: people.id,
          email: people.email,
          employeeId: people.employeeId,
          managerId: people.managerId,
        })
        .from(people)
        .where(after ? and(eq(people.orgId, orgId), gt(people.id, after)) : eq(people.orgId, orgId))
        .orderBy(asc(people.id))
        .limit(existingPageSize),
  };
}

const names = sql.raw(writeColumns.map(([name]) => name).join(', '));
const selected = sql.raw(
  writeColumns.map(([name, type]) => (type === 'text[]' ? `u.${name}::text[]` : `u.${name}`)).join(', '),
);
const updated = sql.raw(
  writeColumns
    .filter(([name]) => name !== 'id')
    .map(([name]) => `${name} = excluded.${name}`)
    .join(', '),
);
// An array parameter as text, cast: neither driver then encodes arrays element by element.
const arrayParam = (value: string, type: string) =>
  sql`${value}::text::${sql.raw(type === 'text[]' ? 'text' : type)}[]`;

/** One statement per batch whatever its size: each column is one array parameter. */
function writeBatch(tx: Tx, orgId: string, batch: WriteBatch) {
  if (batch.kind === 'managers') {
    return tx.execute(sql`update people set manager_id = v.m
      from unnest(${arrayParam(batch.ids, 'uuid')}, ${arrayParam(batch.managers, 'uuid')}) as v(id, m)
      where people.id = v.id and people.org_id = ${orgId}`);
  }
  const columns = sql.join(
    batch.columns.map((value, i) => arrayParam(value, writeColumns[i]?.[1] ?? 'text')),
    sql`, `,
  );
  return tx.execute(sql`insert into people (org_id, ${names})
    select ${orgId}::uuid, ${selected} from unnest(${columns}) as u(${names})
    on conflict (id) do update set ${updated}, version = people.version + 1, updated_at = now()
    where people.org_id = ${orgId}::uuid`);
}

/**
 * Large imports change the table's shape: the planner's statistics are refreshed, of people and
 * of the search rows their triggers wrote, whose trigram index takes in its pending entries. The
 * embedded database analyses in this thread, so there it samples 3,000 rows instead of 30,000
 * (about a tenth of the pause).
 */
async function refreshStatistics(db: Db, inProcess: boolean) {
  if (!inProcess) {
    await settlePeopleSearch(db);
    return;
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local default_statistics_target = 10`);
    await settlePeopleSearch(tx);
  });
}

/**
 * Batch sizes. PostgreSQL runs statements elsewhere, so batches are large. The embedded
 * database runs each statement in this thread, so there a batch is sized to take about
 * `pauseMs`, and the event loop gets a turn between batches.
 */
const serverBatchRows = 2000;
const embedded = { firstRows: 100, minRows: 25, maxRows: 2000, pauseMs: 15 };

/**
 * Writes everything in one transaction, a batch at a time as the check hands them out; the
 * next batch is prepared (in the worker) while this one is written.
 */
async function applyImport(
  db: Db,
  actor: Actor,
  check: RunningCheck,
  total: number,
  report: ImportReport,
  onProgress?: Progress,
) {
  const inProcess = runsInProcess(db);
  let size = inProcess ? embedded.firstRows : serverBatchRows;
  await duringLongWrite(db, (progress) =>
    db.transaction(async (tx) => {
      // GIN indexes (the trigram search) collect new entries in a pending list and merge it
      // into the index when it outgrows this limit, inside whichever insert crosses it: the
      // smallest limit keeps each merge, and so each statement, short.
      if (inProcess) await tx.execute(sql`set local gin_pending_list_limit = 64`);
      let done = 0;
      let next = check.nextBatch(size);
      for (;;) {
        const batch = await next;
        if (!batch) break;
        next = check.nextBatch(size);
        // Awaited on the next turn of the loop; a failed write must not leave it unhandled.
        next.catch(() => {});
        const started = performance.now();
        await writeBatch(tx, actor.orgId, batch);
        progress();
        if (batch.kind === 'people') {
          done += batch.rows;
          onProgress?.(done, total);
        }
        if (inProcess) {
          const took = Math.max(1, performance.now() - started);
          // Halfway towards the size that would have taken `pauseMs`: one slow statement
          // (a busy machine, an index merge) does not swing the next batch to the minimum.
          const fit = (batch.rows * embedded.pauseMs) / took;
          size = Math.round(Math.min(embedded.maxRows, Math.max(embedded.minRows, (size + fit) / 2)));
          await nextTurn();
        }
      }
      await writeAudit(tx, actor, actor.orgId, {
        action: 'people.imported',
        entityType: 'person',
        details: { created: report.created, updated: report.updated, skipped: report.skipped },
      });
    }),
  );
  if (total >= 1000) await refreshStatistics(db, inProcess);
}

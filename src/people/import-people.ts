// Imports an HR-system CSV export. The file is read as a stream and checked row by
// row between turns of the event loop; then the rows are checked together
// (duplicates, people already here, managers, cycles). A file with any bad row
// changes nothing unless `skipInvalid` is set. People are matched by employee id,
// then by email, so re-importing updates rather than duplicates.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import { people } from '../db/schema.js';
import { AppError, zodFields } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { type ColumnMapping, type ImportField, requiredPeopleColumns } from './import-columns.js';
import { type DateFormat, dateFormatSchema, toIsoDate } from './import-dates.js';
import { type FileRecord, fileOptionsSchema, type ImportFile, openImportFile } from './import-file.js';
import { gradeKey } from './import-mappings.js';
import { type ImportPlan, planImport } from './import-plan.js';
import { personFields, timeZoneSchema } from './person-schema.js';
import { peopleInCycles } from './reporting-line.js';

export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  applied: boolean;
  dryRun: boolean;
  ignoredColumns: string[];
  /** How the file was read: format, encoding, delimiter, sheet, mapping and date format. */
  file?: FileFacts;
  errors: ImportProblem[];
}

export interface FileFacts {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  mappingSource: ImportPlan['mappingSource'];
  preset: string | null;
  mapping: ColumnMapping;
  dateFormat: DateFormat | null;
}

export const importOptionsSchema = fileOptionsSchema.extend({
  skipInvalid: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  dateFormat: dateFormatSchema.optional(),
});
export type ImportOptions = z.input<typeof importOptionsSchema> & {
  /** Most data rows one file may hold (TWOWAY_IMPORT_MAX_ROWS); more answers 413 before anything is read. */
  maxRows: number;
  /** Columns to fields, overriding the saved or proposed mapping (the CLI's --mapping). */
  mapping?: ColumnMapping | undefined;
};

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
  const problems = new RowProblems();
  const opened = await openFile(db, actor.orgId, file, options, problems);
  const read = opened
    ? await readRows(opened.file.records(options.maxRows), opened.plan, problems)
    : { rowCount: 0, rows: [] };
  const report = (extra: Partial<ImportReport>): ImportReport => ({
    rows: read.rowCount,
    created: 0,
    updated: 0,
    skipped: 0,
    applied: false,
    dryRun: Boolean(options.dryRun),
    ignoredColumns: opened?.plan.ignoredColumns ?? [],
    ...(opened ? { file: factsOf(opened.file, opened.plan) } : {}),
    errors: problems.sorted(),
    ...extra,
  });
  if (!opened) return report({});
  if (read.rowCount === 0) {
    if (problems.count === 0) problems.add(1, null, 'the file has a header but no people');
    return report({});
  }

  await rejectDuplicatesInFile(read.rows, problems);
  const existing = await loadExistingPeople(db, actor.orgId);
  const identities = await matchExistingPeople(read.rows, existing, problems);
  const managerOfRow = await resolveReportingLines(read.rows, existing, identities, problems);

  const good = read.rows.filter((p) => !problems.isBad(p.row));
  const created = good.filter((p) => identities.get(p.row)?.isNew).length;
  const counts = { created, updated: good.length - created, skipped: read.rowCount - good.length };
  const refused = problems.count > 0 && !options.skipInvalid;
  if (refused || options.dryRun)
    return report({ ...counts, skipped: refused ? read.rowCount : counts.skipped });

  await applyImport(
    db,
    actor,
    opened,
    options.maxRows,
    { good, identities, managerOfRow },
    counts,
    onProgress,
  );
  return report({ ...counts, applied: true });
}

/** Yields to the event loop every `every` calls, so a loop over 200,000 rows lets other requests in. */
function turnTaker(every = 2000) {
  let n = 0;
  return () => (++n % every === 0 ? nextTurn() : undefined);
}

/** Problems by row, and the set of rows that cannot be imported. */
class RowProblems {
  private readonly list: ImportProblem[] = [];
  private readonly bad = new Set<number>();
  add(row: number, column: string | null, message: string) {
    this.list.push({ row, column, message });
    this.bad.add(row);
  }
  isBad(row: number) {
    return this.bad.has(row);
  }
  get count() {
    return this.list.length;
  }
  get badRows() {
    return this.bad.size;
  }
  sorted(): ImportProblem[] {
    return this.list.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  }
}

// Time zones repeat across rows; checking each distinct one once keeps 200,000 rows fast.
const knownZones = new Map<string, boolean>();
const zoneOfRow = z
  .string()
  .min(1)
  .superRefine((tz, ctx) => {
    let ok = knownZones.get(tz);
    if (ok === undefined) {
      const checked = timeZoneSchema.safeParse(tz);
      ok = checked.success;
      if (knownZones.size < 10_000) knownZones.set(tz, ok);
      if (!checked.success) {
        for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
        return;
      }
    }
    if (!ok) ctx.addIssue({ code: 'custom', message: 'is not a known IANA time zone (e.g. Europe/Berlin)' });
  });

const rowSchema = z.object({
  employeeId: personFields.employeeId,
  name: personFields.name,
  email: personFields.email,
  jobTitle: personFields.jobTitle,
  jobLevel: z.coerce.number({ error: 'must be a number' }).pipe(personFields.jobLevel),
  department: personFields.department,
  location: personFields.location,
  timeZone: zoneOfRow,
  languages: personFields.languages,
  hireDate: personFields.hireDate,
  birthYear: z.coerce
    .number({ error: 'must be a year' })
    .pipe(z.number().int().min(1900).max(2100))
    .nullable(),
  careerStage: personFields.careerStage,
  leaveDate: personFields.leaveDate,
  leaveReason: personFields.leaveReason,
});
type RowInput = z.infer<typeof rowSchema>;

const columnOfField: Record<keyof RowInput, ImportField> = {
  employeeId: 'employee_id',
  name: 'name',
  email: 'email',
  jobTitle: 'job_title',
  jobLevel: 'job_level',
  department: 'department',
  location: 'location',
  timeZone: 'time_zone',
  languages: 'languages',
  hireDate: 'hire_date',
  birthYear: 'birth_year',
  careerStage: 'career_stage',
  leaveDate: 'leave_date',
  leaveReason: 'leave_reason',
};

/** What the checks across rows need of a valid row; the row itself is read again when written. */
interface ParsedRow {
  row: number;
  email: string;
  employeeId: string | null;
  managerRef: string | null;
}

const optionalText = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Step 1: open the file and plan its read; problems with the file itself end the import here. */
async function openFile(
  db: Db,
  orgId: string,
  bytes: string | Buffer,
  options: ImportOptions,
  problems: RowProblems,
): Promise<{ file: ImportFile; plan: ImportPlan } | null> {
  try {
    const file = await openImportFile(typeof bytes === 'string' ? Buffer.from(bytes) : bytes, options);
    const plan = await planImport(db, orgId, file, {
      mapping: options.mapping,
      dateFormat: options.dateFormat,
      maxRows: options.maxRows,
      required: requiredPeopleColumns,
    });
    if ('empty' in plan) {
      problems.add(1, null, 'the file is empty: it needs a header row and one row per person');
      return null;
    }
    for (const p of plan.problems) problems.add(1, p.column, p.message);
    return plan.problems.length > 0 ? null : { file, plan };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    const line = Number((err.details as { line?: number } | undefined)?.line ?? 1);
    problems.add(line, err.fields?.[0]?.path === 'sheet' ? 'sheet' : null, err.message);
    return null;
  }
}

function factsOf(file: ImportFile, plan: ImportPlan): FileFacts {
  return {
    format: file.format,
    encoding: file.encoding,
    delimiter: file.delimiter,
    sheet: file.sheet,
    mappingSource: plan.mappingSource,
    preset: plan.preset?.name ?? null,
    mapping: plan.mapping,
    dateFormat: plan.dateFormat,
  };
}

const yearOfDate = /^(?:(\d{4})-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](\d{4}))$/;

/** The row's cells as the fields the row schema checks: names joined, dates as ISO, grades as levels. */
function candidateOf(cells: string[], plan: ImportPlan) {
  const cell = (field: ImportField) => {
    const at = plan.index[field];
    return at === undefined ? undefined : (cells[at] ?? '');
  };
  const date = (field: ImportField) => {
    const v = optionalText(cell(field));
    return v === null ? null : toIsoDate(v, plan.slash);
  };
  const name =
    cell('name') ?? [cell('first_name'), cell('last_name')].filter((part) => part && part !== '').join(' ');
  const level = optionalText(cell('job_level'));
  const birth = optionalText(cell('birth_year'));
  const birthDate = birth ? yearOfDate.exec(birth) : null;
  return {
    employeeId: optionalText(cell('employee_id')),
    name,
    email: cell('email') ?? '',
    jobTitle: optionalText(cell('job_title')),
    jobLevel: level === null ? undefined : (plan.levels.get(gradeKey(level)) ?? level),
    department: optionalText(cell('department')),
    location: optionalText(cell('location')),
    timeZone: optionalText(cell('time_zone')) ?? 'UTC',
    languages: (cell('languages') ?? '')
      .split(/[;,|\s]+/)
      .map((l) => l.trim())
      .filter(Boolean),
    hireDate: date('hire_date'),
    birthYear: birthDate ? (birthDate[1] ?? birthDate[2] ?? null) : birth,
    careerStage: optionalText(cell('career_stage')),
    leaveDate: date('leave_date'),
    leaveReason: optionalText(cell('leave_reason')),
  };
}

/** Step 2: each row on its own, as the records stream in. */
async function readRows(
  records: AsyncIterable<FileRecord>,
  plan: ImportPlan,
  problems: RowProblems,
): Promise<{ rowCount: number; rows: ParsedRow[] }> {
  const rows: ParsedRow[] = [];
  let rowCount = 0;
  let header = true;
  try {
    for await (const { line, cells } of records) {
      if (header) {
        header = false;
        continue;
      }
      rowCount++;
      const result = rowSchema.safeParse(candidateOf(cells, plan));
      if (!result.success) {
        for (const f of zodFields(result.error.issues)) {
          const field = (f.path.split('.')[0] ?? '') as keyof RowInput;
          const column = columnOfField[field] ?? field;
          problems.add(
            line,
            column,
            column === 'job_level' ? levelMessage(cells, plan, f.message) : f.message,
          );
        }
        continue;
      }
      const managerAt = plan.index.manager;
      const managerRef = managerAt === undefined ? null : noManager(optionalText(cells[managerAt]));
      rows.push({
        row: line,
        email: result.data.email,
        employeeId: result.data.employeeId ?? null,
        managerRef: managerRef?.toLowerCase() ?? null,
      });
    }
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    const line = Number((err.details as { line?: number } | undefined)?.line ?? 1);
    problems.add(line, null, err.message);
    return { rowCount, rows: [] };
  }
  return { rowCount, rows };
}

/** SAP SuccessFactors writes NO_MANAGER for the top of the organisation. */
const noManager = (ref: string | null) => (ref?.toUpperCase() === 'NO_MANAGER' ? null : ref);

/** A grade name without a level says how to give it one. */
function levelMessage(cells: string[], plan: ImportPlan, message: string) {
  const at = plan.index.job_level;
  const value = at === undefined ? '' : (cells[at] ?? '').trim();
  return value !== '' && Number.isNaN(Number(value))
    ? `the grade "${value}" has no level yet: give it one in the import's grade levels`
    : message;
}

/** Step 3: the same email or employee id twice in the file. */
async function rejectDuplicatesInFile(rows: ParsedRow[], problems: RowProblems) {
  const byEmail = new Map<string, number>();
  const byEmployeeId = new Map<string, number>();
  const turn = turnTaker();
  for (const p of rows) {
    await turn();
    const dupe = byEmail.get(p.email);
    if (dupe !== undefined) {
      problems.add(p.row, 'email', `repeats the email of row ${dupe}`);
      continue;
    }
    byEmail.set(p.email, p.row);
    if (!p.employeeId) continue;
    const key = p.employeeId.toLowerCase();
    const dupeId = byEmployeeId.get(key);
    if (dupeId !== undefined) {
      problems.add(p.row, 'employee_id', `repeats the employee id of row ${dupeId}`);
      continue;
    }
    byEmployeeId.set(key, p.row);
  }
}

interface ExistingPerson {
  id: string;
  email: string;
  employeeId: string | null;
  managerId: string | null;
}
interface ExistingPeople {
  all: ExistingPerson[];
  byEmail: Map<string, ExistingPerson>;
  byEmployeeId: Map<string, ExistingPerson>;
}

/** Step 4: the organisation's people, read a page at a time so other queries get their turn. */
async function loadExistingPeople(db: Db, orgId: string): Promise<ExistingPeople> {
  const all: ExistingPerson[] = [];
  const pageSize = 20_000;
  let after: string | null = null;
  for (;;) {
    const page: ExistingPerson[] = await db
      .select({
        id: people.id,
        email: people.email,
        employeeId: people.employeeId,
        managerId: people.managerId,
      })
      .from(people)
      .where(after ? and(eq(people.orgId, orgId), gt(people.id, after)) : eq(people.orgId, orgId))
      .orderBy(asc(people.id))
      .limit(pageSize);
    all.push(...page);
    if (page.length < pageSize) break;
    after = (page[page.length - 1] as ExistingPerson).id;
    await nextTurn();
  }
  return {
    all,
    byEmail: new Map(all.map((e) => [e.email.toLowerCase(), e])),
    byEmployeeId: new Map(
      all.filter((e) => e.employeeId).map((e) => [(e.employeeId as string).toLowerCase(), e]),
    ),
  };
}

type Identities = Map<number, { id: string; isNew: boolean }>;

/** Step 5: each row's person, by employee id first, then email; clashes are problems. */
async function matchExistingPeople(
  rows: ParsedRow[],
  existing: ExistingPeople,
  problems: RowProblems,
): Promise<Identities> {
  const identities: Identities = new Map();
  const claimed = new Map<string, number>();
  const turn = turnTaker();
  for (const p of rows) {
    await turn();
    if (problems.isBad(p.row)) continue;
    const { employeeId, email } = p;
    const byId = employeeId ? existing.byEmployeeId.get(employeeId.toLowerCase()) : undefined;
    const byMail = existing.byEmail.get(email);
    if (byId && byMail && byId.id !== byMail.id) {
      problems.add(p.row, 'email', `belongs to another person than employee id ${employeeId}`);
      continue;
    }
    if (!byId && byMail && employeeId && byMail.employeeId && byMail.employeeId !== employeeId) {
      problems.add(p.row, 'email', `belongs to employee id ${byMail.employeeId}`);
      continue;
    }
    const match = byId ?? byMail;
    const id = match?.id ?? randomUUID();
    const previous = claimed.get(id);
    if (previous !== undefined) {
      problems.add(p.row, 'email', `describes the same person as row ${previous}`);
      continue;
    }
    claimed.set(id, p.row);
    identities.set(p.row, { id, isNew: !match });
  }
  return identities;
}

/**
 * Step 6: managers, by email or employee id, in the file or already here; then cycles.
 * With skipInvalid, dropping rows can strand their reports: repeat until nothing changes.
 */
async function resolveReportingLines(
  rows: ParsedRow[],
  existing: ExistingPeople,
  identities: Identities,
  problems: RowProblems,
): Promise<Map<number, string | null>> {
  const rowByRef = new Map<string, ParsedRow>();
  const turn = turnTaker();
  for (const p of rows) {
    await turn();
    if (!rowByRef.has(p.email)) rowByRef.set(p.email, p);
    const id = p.employeeId?.toLowerCase();
    if (id && !rowByRef.has(id)) rowByRef.set(id, p);
  }
  let managerOfRow = new Map<number, string | null>();
  let before = -1;
  while (before !== problems.badRows) {
    before = problems.badRows;
    managerOfRow = await resolveManagers(rows, rowByRef, existing, identities, problems);
    await nextTurn();
    rejectCycles(existing, identities, managerOfRow, problems);
    await nextTurn();
  }
  return managerOfRow;
}

async function resolveManagers(
  rows: ParsedRow[],
  rowByRef: Map<string, ParsedRow>,
  existing: ExistingPeople,
  identities: Identities,
  problems: RowProblems,
): Promise<Map<number, string | null>> {
  const managerOfRow = new Map<number, string | null>();
  const turn = turnTaker();
  for (const p of rows) {
    await turn();
    if (problems.isBad(p.row)) continue;
    const ref = p.managerRef;
    if (!ref) {
      managerOfRow.set(p.row, null);
      continue;
    }
    const inFile = rowByRef.get(ref);
    if (inFile && problems.isBad(inFile.row)) {
      problems.add(p.row, 'manager', `names the person of row ${inFile.row}, which is invalid`);
      continue;
    }
    const managerId = inFile
      ? identities.get(inFile.row)?.id
      : (existing.byEmail.get(ref) ?? existing.byEmployeeId.get(ref))?.id;
    if (!managerId) {
      problems.add(p.row, 'manager', `no person with email or employee id "${ref}"`);
      continue;
    }
    if (managerId === identities.get(p.row)?.id) {
      problems.add(p.row, 'manager', 'a person cannot be their own manager');
      continue;
    }
    managerOfRow.set(p.row, managerId);
  }
  return managerOfRow;
}

function rejectCycles(
  existing: ExistingPeople,
  identities: Identities,
  managerOfRow: Map<number, string | null>,
  problems: RowProblems,
) {
  const graph = new Map<string, string | null>(existing.all.map((e) => [e.id, e.managerId]));
  const rowOfId = new Map<string, number>();
  for (const [row, managerId] of managerOfRow) {
    const id = identities.get(row)?.id as string;
    graph.set(id, managerId);
    rowOfId.set(id, row);
  }
  for (const id of peopleInCycles(graph)) {
    const row = rowOfId.get(id);
    if (row !== undefined && !problems.isBad(row)) {
      problems.add(
        row,
        'manager',
        'the reporting line forms a cycle (someone ends up managing their own manager)',
      );
    }
  }
}

interface Checked {
  good: ParsedRow[];
  identities: Identities;
  managerOfRow: Map<number, string | null>;
}

const upsertPeople = (tx: Tx, orgId: string, batch: (typeof people.$inferInsert)[]) =>
  tx
    .insert(people)
    .values(batch)
    .onConflictDoUpdate({
      target: people.id,
      set: {
        employeeId: sql`excluded.employee_id`,
        name: sql`excluded.name`,
        email: sql`excluded.email`,
        jobTitle: sql`excluded.job_title`,
        jobLevel: sql`excluded.job_level`,
        department: sql`excluded.department`,
        managerId: sql`excluded.manager_id`,
        location: sql`excluded.location`,
        timeZone: sql`excluded.time_zone`,
        languages: sql`excluded.languages`,
        hireDate: sql`excluded.hire_date`,
        birthYear: sql`excluded.birth_year`,
        careerStage: sql`excluded.career_stage`,
        leaveDate: sql`excluded.leave_date`,
        leaveReason: sql`excluded.leave_reason`,
        version: sql`${people.version} + 1`,
        updatedAt: sql`now()`,
      },
      setWhere: eq(people.orgId, orgId),
    });

/**
 * Step 7: write everything in one transaction. The file is read a second time, so only the
 * keys of each row stay in memory between the checks and the write. A person is written with
 * their manager when the manager is already in the database or earlier in the file; the
 * others get their manager in one pass at the end.
 */
async function applyImport(
  db: Db,
  actor: Actor,
  opened: { file: ImportFile; plan: ImportPlan },
  maxRows: number,
  { good, identities, managerOfRow }: Checked,
  counts: { created: number; updated: number; skipped: number },
  onProgress?: Progress,
) {
  const batchSize = 500;
  const goodRows = new Set(good.map((p) => p.row));
  const inFile = new Set(good.map((p) => identities.get(p.row)?.id as string));
  const total = good.length;
  await db.transaction(async (tx) => {
    const written = new Set<string>();
    const later: [string, string][] = [];
    let batch: (typeof people.$inferInsert)[] = [];
    let done = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await upsertPeople(tx, actor.orgId, batch);
      done += batch.length;
      batch = [];
      onProgress?.(done, total);
    };
    let header = true;
    for await (const { line, cells } of opened.file.records(maxRows)) {
      if (header) {
        header = false;
        continue;
      }
      if (!goodRows.has(line)) continue;
      const id = identities.get(line)?.id as string;
      const managerId = managerOfRow.get(line) ?? null;
      const deferred = managerId !== null && inFile.has(managerId) && !written.has(managerId);
      if (deferred) later.push([id, managerId]);
      // Checked in step 2: the same cells give the same row.
      const input = rowSchema.parse(candidateOf(cells, opened.plan));
      batch.push({ ...input, id, managerId: deferred ? null : managerId, orgId: actor.orgId });
      written.add(id);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    for (let i = 0; i < later.length; i += batchSize) {
      const values = sql.join(
        later.slice(i, i + batchSize).map(([id, m]) => sql`(${id}::uuid, ${m}::uuid)`),
        sql`, `,
      );
      await tx.execute(
        sql`update people set manager_id = v.m from (values ${values}) as v(id, m) where people.id = v.id and people.org_id = ${actor.orgId}`,
      );
    }
    await writeAudit(tx, actor, actor.orgId, {
      action: 'people.imported',
      entityType: 'person',
      details: counts,
    });
  });
  // Large imports change the table's shape; refresh the planner's statistics.
  if (good.length >= 1000) await db.execute(sql`analyze people`);
}

// Checks a people file without touching the database: the file is read as a stream and
// each row checked on its own, then the rows are checked together (duplicates, people
// already here, managers, cycles). What it needs from the database (saved mapping, grade
// levels, the people already stored) it asks of its host, so the same code runs in a
// worker thread (large files, see import-worker.ts) or in the caller's thread (small
// ones). After the checks it hands out the rows to write in batches of the size asked,
// already encoded as PostgreSQL array literals, so the thread that writes does no work
// per row.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { z } from 'zod';
import { AppError, zodFields } from '../errors.js';
import { type ColumnMapping, type ImportField, requiredPeopleColumns } from './import-columns.js';
import { type DateFormat, toIsoDate } from './import-dates.js';
import { type FileOptions, type FileRecord, type ImportFile, openImportFile } from './import-file.js';
import { gradeKey, type ImportPlan, type PlanLookups, planImport } from './import-plan.js';
import type { FileFacts, ImportProblem, ImportReport } from './import-report.js';
import { personFields, timeZoneSchema } from './person-schema.js';

export type { FileFacts, ImportProblem, ImportReport };

/** How to read and judge the file; plain data, so it can be sent to a worker thread. */
export interface CheckOptions extends FileOptions {
  skipInvalid: boolean;
  dryRun: boolean;
  dateFormat?: DateFormat | undefined;
  maxRows: number;
  mapping?: ColumnMapping | undefined;
}

/** A person already stored in the organisation, as the checks need them. */
export interface ExistingPerson {
  id: string;
  email: string;
  employeeId: string | null;
  managerId: string | null;
}

/** What the checks read from the database. */
export interface CheckHost extends PlanLookups {
  /** The organisation's people after `after` in id order, a page at a time; fewer than asked at the end. */
  existingPeople(after: string | null): Promise<ExistingPerson[]>;
}

/**
 * Rows to write, encoded as one PostgreSQL array literal per column (see `writeColumns`);
 * or, last, the managers of people written before their manager.
 */
export type WriteBatch =
  | { kind: 'people'; rows: number; columns: string[] }
  | { kind: 'managers'; rows: number; ids: string; managers: string };

/** The columns of a people batch, in order, with their PostgreSQL types. */
export const writeColumns = [
  ['id', 'uuid'],
  ['employee_id', 'text'],
  ['name', 'text'],
  ['email', 'text'],
  ['job_title', 'text'],
  ['job_level', 'int'],
  ['department', 'text'],
  ['manager_id', 'uuid'],
  ['location', 'text'],
  ['time_zone', 'text'],
  ['languages', 'text[]'],
  ['hire_date', 'date'],
  ['birth_year', 'int'],
  ['career_stage', 'text'],
  ['leave_date', 'date'],
  ['leave_reason', 'text'],
] as const;

/** Yields to the event loop every `every` calls, so a loop over 200,000 rows lets other work in. */
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

/**
 * What the checks across rows need of a valid row, and what they find out about it; the row
 * itself is read again when written. One object per row, no maps by row: at 200,000 rows
 * every map costs tens of megabytes.
 */
interface ParsedRow {
  row: number;
  email: string;
  employeeId: string | null;
  managerRef: string | null;
  /** The person's id, stored or new (step 5). */
  id: string;
  isNew: boolean;
  /** The manager (step 6): a row of this file, or a person already stored (by id), or none. */
  managerRow: ParsedRow | null;
  managerId: string | null;
  written: boolean;
  /** Where the cycle check's walk left this row. */
  mark: number;
}

/** A person on a reporting line: a row of this file, or a stored person's id. */
type Node = ParsedRow | string;

const optionalText = (v: string | undefined) => (v === undefined || v === '' ? null : v);

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

interface ExistingPeople {
  all: ExistingPerson[];
  byEmail: Map<string, ExistingPerson>;
  byEmployeeId: Map<string, ExistingPerson>;
}

/**
 * A new person's id as one flat string. Node builds randomUUID() by concatenation, which V8
 * keeps as a tree of about 20 string pieces (some 450 bytes instead of 56): at 200,000 new
 * people that was 90 MB.
 */
const newPersonId = () => Buffer.from(randomUUID(), 'latin1').toString('latin1');

/** One value of a PostgreSQL array literal: NULL, or the text quoted with `"` and `\` escaped. */
function arrayElement(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}
const arrayLiteral = (values: (string | number | null | undefined)[]) =>
  `{${values.map(arrayElement).join(',')}}`;

/** The outcome of the checks: the report's figures, and whether there is anything to write. */
export interface CheckOutcome {
  report: ImportReport;
  /** True when the file passed (or `skipInvalid`) and it is not a dry run: the caller writes. */
  write: boolean;
  /** Rows to write (the total of the people batches). */
  toWrite: number;
}

/** One people file, checked, then handed out in batches to write. */
export class PeopleCheck {
  private readonly problems = new RowProblems();
  private opened: { file: ImportFile; plan: ImportPlan } | null = null;
  private rows: ParsedRow[] = [];
  private rowCount = 0;
  // The write step's state: where the second read of the file is, the next row to write, who waits for a manager.
  private pending: AsyncIterator<FileRecord> | null = null;
  private cursor = 0;
  private later: [string, string][] = [];
  private walk = 0;

  constructor(
    private bytes: Buffer | null,
    private readonly options: CheckOptions,
    private readonly host: CheckHost,
  ) {}

  /** Every check; nothing is written. */
  async run(): Promise<CheckOutcome> {
    this.opened = await this.openFile();
    if (this.opened) await this.readRows(this.opened);
    if (!this.opened) return this.outcome({});
    if (this.rowCount === 0) {
      if (this.problems.count === 0) this.problems.add(1, null, 'the file has a header but no people');
      return this.outcome({});
    }
    await this.rejectDuplicatesInFile();
    const existing = await this.loadExistingPeople();
    await this.matchExistingPeople(existing);
    await this.resolveReportingLines(existing);

    const good = this.rows.filter((p) => !this.problems.isBad(p.row));
    const created = good.filter((p) => p.isNew).length;
    const counts = { created, updated: good.length - created, skipped: this.rowCount - good.length };
    const refused = this.problems.count > 0 && !this.options.skipInvalid;
    if (refused || this.options.dryRun)
      return this.outcome({ ...counts, skipped: refused ? this.rowCount : counts.skipped });
    // Only what the write needs remains: the rows to write, with their ids and managers.
    this.rows = good;
    for (const p of good) {
      p.email = '';
      p.employeeId = null;
      p.managerRef = null;
    }
    return { ...this.outcome(counts), write: true, toWrite: good.length };
  }

  private outcome(extra: Partial<ImportReport>): CheckOutcome {
    const opened = this.opened;
    return {
      report: {
        rows: this.rowCount,
        created: 0,
        updated: 0,
        skipped: 0,
        applied: false,
        dryRun: this.options.dryRun,
        ignoredColumns: opened?.plan.ignoredColumns ?? [],
        ...(opened ? { file: factsOf(opened.file, opened.plan) } : {}),
        errors: this.problems.sorted(),
        ...extra,
      },
      write: false,
      toWrite: 0,
    };
  }

  /**
   * The next `size` rows to write (null when done). The file is read a second time, so only the
   * keys of each row stayed in memory since the checks. A person is written with their manager
   * when the manager is already stored or earlier in the file; the others get their manager in
   * the batches of kind 'managers' at the end.
   */
  async nextBatch(size: number): Promise<WriteBatch | null> {
    const opened = this.opened;
    if (!opened) return null;
    if (!this.pending) {
      this.pending = opened.file.records(this.options.maxRows)[Symbol.asyncIterator]();
      await this.pending.next(); // the header
    }
    const columns: (string | number | null | undefined)[][] = writeColumns.map(() => []);
    let rows = 0;
    while (rows < size) {
      const next = await this.pending.next();
      if (next.done) break;
      const { line, cells } = next.value;
      // The rows to write come in file order, as the records do.
      const p = this.rows[this.cursor];
      if (p?.row !== line) continue;
      this.cursor++;
      const manager = p.managerRow;
      const deferred = manager !== null && !manager.written;
      if (deferred) this.later.push([p.id, manager.id]);
      // Checked in run(): the same cells give the same row.
      const v = rowSchema.parse(candidateOf(cells, opened.plan));
      const values = [
        p.id,
        v.employeeId,
        v.name,
        v.email,
        v.jobTitle,
        v.jobLevel,
        v.department,
        manager ? (deferred ? null : manager.id) : p.managerId,
        v.location,
        v.timeZone,
        arrayLiteral(v.languages),
        v.hireDate,
        v.birthYear,
        v.careerStage,
        v.leaveDate,
        v.leaveReason,
      ];
      for (let i = 0; i < values.length; i++) columns[i]?.push(values[i]);
      p.written = true;
      rows++;
    }
    if (rows > 0) return { kind: 'people', rows, columns: columns.map(arrayLiteral) };
    const managers = this.later.splice(0, size);
    if (managers.length === 0) return null;
    return {
      kind: 'managers',
      rows: managers.length,
      ids: arrayLiteral(managers.map(([id]) => id)),
      managers: arrayLiteral(managers.map(([, m]) => m)),
    };
  }

  /** Step 1: open the file and plan its read; problems with the file itself end the import here. */
  private async openFile(): Promise<{ file: ImportFile; plan: ImportPlan } | null> {
    const { options, problems } = this;
    try {
      const file = await openImportFile(this.bytes ?? Buffer.alloc(0), options);
      // The decoded text (or workbook) is all the reads need from here on.
      this.bytes = null;
      const plan = await planImport(this.host, file, {
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

  /** Step 2: each row on its own, as the records stream in. */
  private async readRows({ file, plan }: { file: ImportFile; plan: ImportPlan }) {
    const { problems } = this;
    let header = true;
    try {
      for await (const { line, cells } of file.records(this.options.maxRows)) {
        if (header) {
          header = false;
          continue;
        }
        this.rowCount++;
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
        this.rows.push({
          row: line,
          email: result.data.email,
          employeeId: result.data.employeeId ?? null,
          managerRef: managerRef?.toLowerCase() ?? null,
          id: '',
          isNew: false,
          managerRow: null,
          managerId: null,
          written: false,
          mark: 0,
        });
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      const line = Number((err.details as { line?: number } | undefined)?.line ?? 1);
      problems.add(line, null, err.message);
      this.rows = [];
    }
  }

  /** Step 3: the same email or employee id twice in the file. */
  private async rejectDuplicatesInFile() {
    const byEmail = new Map<string, number>();
    const byEmployeeId = new Map<string, number>();
    const turn = turnTaker();
    for (const p of this.rows) {
      await turn();
      const dupe = byEmail.get(p.email);
      if (dupe !== undefined) {
        this.problems.add(p.row, 'email', `repeats the email of row ${dupe}`);
        continue;
      }
      byEmail.set(p.email, p.row);
      if (!p.employeeId) continue;
      const key = p.employeeId.toLowerCase();
      const dupeId = byEmployeeId.get(key);
      if (dupeId !== undefined) {
        this.problems.add(p.row, 'employee_id', `repeats the employee id of row ${dupeId}`);
        continue;
      }
      byEmployeeId.set(key, p.row);
    }
  }

  /** Step 4: the organisation's people, a page at a time. */
  private async loadExistingPeople(): Promise<ExistingPeople> {
    const all: ExistingPerson[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await this.host.existingPeople(after);
      if (page.length === 0) break;
      for (const p of page) all.push(p);
      after = (page[page.length - 1] as ExistingPerson).id;
    }
    return {
      all,
      byEmail: new Map(all.map((e) => [e.email.toLowerCase(), e])),
      byEmployeeId: new Map(
        all.filter((e) => e.employeeId).map((e) => [(e.employeeId as string).toLowerCase(), e]),
      ),
    };
  }

  /** Step 5: each row's person, by employee id first, then email; clashes are problems. */
  private async matchExistingPeople(existing: ExistingPeople) {
    const { problems } = this;
    // Stored people claimed by a row; a new person's id is fresh, so only stored ones can clash.
    const claimed = new Map<string, number>();
    const turn = turnTaker();
    for (const p of this.rows) {
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
      if (match) {
        const previous = claimed.get(match.id);
        if (previous !== undefined) {
          problems.add(p.row, 'email', `describes the same person as row ${previous}`);
          continue;
        }
        claimed.set(match.id, p.row);
      }
      p.id = match?.id ?? newPersonId();
      p.isNew = !match;
    }
  }

  /**
   * Step 6: managers, by email or employee id, in the file or already here; then cycles.
   * With skipInvalid, dropping rows can strand their reports: repeat until nothing changes.
   */
  private async resolveReportingLines(existing: ExistingPeople) {
    const rowByRef = new Map<string, ParsedRow>();
    const turn = turnTaker();
    for (const p of this.rows) {
      await turn();
      if (!rowByRef.has(p.email)) rowByRef.set(p.email, p);
      const id = p.employeeId?.toLowerCase();
      if (id && !rowByRef.has(id)) rowByRef.set(id, p);
    }
    let before = -1;
    while (before !== this.problems.badRows) {
      before = this.problems.badRows;
      await this.resolveManagers(rowByRef, existing);
      await nextTurn();
      this.rejectCycles(existing);
      await nextTurn();
    }
  }

  /** Sets each good row's manager; a row whose manager cannot be found becomes a problem. */
  private async resolveManagers(rowByRef: Map<string, ParsedRow>, existing: ExistingPeople) {
    const { problems } = this;
    const turn = turnTaker();
    for (const p of this.rows) {
      await turn();
      p.managerRow = null;
      p.managerId = null;
      if (problems.isBad(p.row)) continue;
      const ref = p.managerRef;
      if (!ref) continue;
      const inFile = rowByRef.get(ref);
      if (inFile && problems.isBad(inFile.row)) {
        problems.add(p.row, 'manager', `names the person of row ${inFile.row}, which is invalid`);
        continue;
      }
      const managerId = inFile
        ? inFile.id
        : (existing.byEmail.get(ref) ?? existing.byEmployeeId.get(ref))?.id;
      if (!managerId) {
        problems.add(p.row, 'manager', `no person with email or employee id "${ref}"`);
        continue;
      }
      if (managerId === p.id) {
        problems.add(p.row, 'manager', 'a person cannot be their own manager');
        continue;
      }
      if (inFile) p.managerRow = inFile;
      else p.managerId = managerId;
    }
  }

  /**
   * Rows whose reporting line would loop once the file is in. The walk goes through the rows
   * themselves (a row's manager is a row or a stored person) and marks them in place, so at
   * 200,000 rows it builds no map keyed by person; stored people's own links come from the
   * database, replaced by their row's when the file updates them.
   */
  private rejectCycles(existing: ExistingPeople) {
    const { problems } = this;
    const rowOfStored = new Map<string, ParsedRow>();
    for (const p of this.rows) if (!p.isNew && !problems.isBad(p.row)) rowOfStored.set(p.id, p);
    const storedManager = new Map(existing.all.map((e) => [e.id, e.managerId]));
    const nodeOf = (id: string | null): Node | null => (id ? (rowOfStored.get(id) ?? id) : null);
    const managerOf = (n: Node): Node | null =>
      typeof n === 'string' ? nodeOf(storedManager.get(n) ?? null) : (n.managerRow ?? nodeOf(n.managerId));
    // Walk marks: on the current path, or done. Rows carry theirs; stored people in a map.
    this.walk += 2;
    const onPath = this.walk - 1;
    const done = this.walk;
    const storedMark = new Map<string, number>();
    const markOf = (n: Node) => (typeof n === 'string' ? (storedMark.get(n) ?? 0) : n.mark);
    const mark = (n: Node, m: number) => {
      if (typeof n === 'string') storedMark.set(n, m);
      else n.mark = m;
    };
    const inCycle: ParsedRow[] = [];
    for (const start of this.rows) {
      if (problems.isBad(start.row) || markOf(start) >= onPath) continue;
      const path: Node[] = [];
      let node: Node | null = start;
      while (node && markOf(node) < onPath) {
        mark(node, onPath);
        path.push(node);
        node = managerOf(node);
      }
      if (node && markOf(node) === onPath) {
        for (let i = path.indexOf(node); i < path.length; i++) {
          const n = path[i] as Node;
          if (typeof n !== 'string') inCycle.push(n);
        }
      }
      for (const n of path) mark(n, done);
    }
    for (const p of inCycle) {
      if (problems.isBad(p.row)) continue;
      problems.add(
        p.row,
        'manager',
        'the reporting line forms a cycle (someone ends up managing their own manager)',
      );
    }
  }
}

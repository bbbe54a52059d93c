// Imports an HR-system CSV export. Every row is validated first; a file with any
// bad row changes nothing unless `skipInvalid` is set. People are matched by
// employee id, then by email, so re-importing updates rather than duplicates.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { people } from '../db/schema.js';
import { AppError, zodFields } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
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
  errors: ImportProblem[];
}

export const importOptionsSchema = z.object({
  skipInvalid: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

/** Columns we read, with the header names HR systems commonly use for them. */
export const importColumns = {
  employee_id: ['employee_id', 'employee_number', 'employee_no', 'staff_id'],
  name: ['name', 'full_name', 'display_name'],
  email: ['email', 'work_email', 'email_address'],
  job_title: ['job_title', 'title', 'position'],
  job_level: ['job_level', 'level', 'grade'],
  department: ['department', 'dept', 'team'],
  manager: ['manager', 'manager_email', 'manager_employee_id', 'manager_id', 'reports_to'],
  location: ['location', 'office', 'site'],
  time_zone: ['time_zone', 'timezone', 'tz'],
  languages: ['languages', 'language'],
  hire_date: ['hire_date', 'start_date', 'hired'],
  birth_year: ['birth_year', 'year_of_birth'],
  career_stage: ['career_stage', 'stage'],
  leave_date: ['leave_date', 'termination_date', 'end_date'],
  leave_reason: ['leave_reason', 'termination_reason'],
} as const;
type Column = keyof typeof importColumns;
const requiredColumns: Column[] = ['name', 'email', 'job_level'];

const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_');

const optionalText = (v: string | undefined) => (v === undefined || v === '' ? null : v);

const rowSchema = z.object({
  employeeId: personFields.employeeId,
  name: personFields.name,
  email: personFields.email,
  jobTitle: personFields.jobTitle,
  jobLevel: z.coerce.number({ error: 'must be a number' }).pipe(personFields.jobLevel),
  department: personFields.department,
  location: personFields.location,
  timeZone: timeZoneSchema,
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

const fieldToColumn: Record<string, Column> = {
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

interface ParsedRow {
  row: number;
  input: RowInput;
  managerRef: string | null;
}

type Progress = (done: number, total: number) => void;

/** Validates and (unless told otherwise) applies a people CSV for the actor's organisation. */
export async function importPeople(
  db: Db,
  actor: Actor,
  csv: string,
  options: ImportOptions,
  onProgress?: Progress,
): Promise<ImportReport> {
  assertRole(actor, 'org_admin', 'programme_manager');
  const errors: ImportProblem[] = [];
  const report = (extra: Partial<ImportReport>): ImportReport => ({
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    applied: false,
    dryRun: options.dryRun,
    ignoredColumns: [],
    errors,
    ...extra,
  });

  let records: { info: { lines: number }; record: Record<string, string> }[];
  const columnsPresent = new Set<Column>();
  const ignoredColumns: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      columns: (header: string[]) => {
        const names = header.map((raw) => {
          const h = normaliseHeader(raw);
          const column = (Object.keys(importColumns) as Column[]).find((c) =>
            (importColumns[c] as readonly string[]).includes(h),
          );
          if (!column) {
            ignoredColumns.push(raw);
            return `__ignored_${h}`;
          }
          if (columnsPresent.has(column))
            throw new AppError('validation_failed', `Column ${raw} repeats ${column}.`);
          columnsPresent.add(column);
          return column;
        });
        return names;
      },
    }) as never;
  } catch (err) {
    if (err instanceof AppError) {
      errors.push({ row: 1, column: null, message: err.message });
      return report({});
    }
    const e = err as { lines?: number; message: string };
    errors.push({ row: e.lines ?? 1, column: null, message: `The file is not valid CSV: ${e.message}` });
    return report({});
  }
  for (const column of requiredColumns) {
    if (!columnsPresent.has(column)) {
      errors.push({ row: 1, column, message: `the header has no ${column} column (required)` });
    }
  }
  if (errors.length) return report({ ignoredColumns });
  if (records.length === 0) {
    errors.push({ row: 1, column: null, message: 'the file has a header but no people' });
    return report({ ignoredColumns });
  }

  // 1. Each row on its own.
  const parsed: ParsedRow[] = [];
  const badRows = new Set<number>();
  for (const { info, record } of records) {
    const row = info.lines;
    const candidate = {
      employeeId: optionalText(record.employee_id),
      name: record.name ?? '',
      email: record.email ?? '',
      jobTitle: optionalText(record.job_title),
      jobLevel: record.job_level === '' ? undefined : record.job_level,
      department: optionalText(record.department),
      location: optionalText(record.location),
      timeZone: optionalText(record.time_zone) ?? 'UTC',
      languages: (record.languages ?? '')
        .split(/[;,|\s]+/)
        .map((l) => l.trim())
        .filter(Boolean),
      hireDate: optionalText(record.hire_date),
      birthYear: optionalText(record.birth_year),
      careerStage: optionalText(record.career_stage),
      leaveDate: optionalText(record.leave_date),
      leaveReason: optionalText(record.leave_reason),
    };
    const result = rowSchema.safeParse(candidate);
    if (!result.success) {
      for (const f of zodFields(result.error.issues)) {
        const field = f.path.split('.')[0] ?? '';
        errors.push({ row, column: fieldToColumn[field] ?? field, message: f.message });
      }
      badRows.add(row);
      continue;
    }
    parsed.push({ row, input: result.data, managerRef: optionalText(record.manager)?.toLowerCase() ?? null });
  }

  // 2. Duplicates inside the file.
  const byEmail = new Map<string, ParsedRow>();
  const byEmployeeId = new Map<string, ParsedRow>();
  for (const p of parsed) {
    const dupe = byEmail.get(p.input.email);
    if (dupe) {
      errors.push({ row: p.row, column: 'email', message: `repeats the email of row ${dupe.row}` });
      badRows.add(p.row);
      continue;
    }
    byEmail.set(p.input.email, p);
    if (p.input.employeeId) {
      const dupeId = byEmployeeId.get(p.input.employeeId.toLowerCase());
      if (dupeId) {
        errors.push({
          row: p.row,
          column: 'employee_id',
          message: `repeats the employee id of row ${dupeId.row}`,
        });
        badRows.add(p.row);
        continue;
      }
      byEmployeeId.set(p.input.employeeId.toLowerCase(), p);
    }
  }

  // 3. Match rows to people already here.
  const existing = await db
    .select({
      id: people.id,
      email: people.email,
      employeeId: people.employeeId,
      managerId: people.managerId,
    })
    .from(people)
    .where(eq(people.orgId, actor.orgId));
  const existingByEmail = new Map(existing.map((e) => [e.email.toLowerCase(), e]));
  const existingByEmployeeId = new Map(
    existing.filter((e) => e.employeeId).map((e) => [(e.employeeId as string).toLowerCase(), e]),
  );
  const idOfRow = new Map<number, { id: string; isNew: boolean }>();
  const claimed = new Map<string, number>();
  for (const p of parsed) {
    if (badRows.has(p.row)) continue;
    const byId = p.input.employeeId ? existingByEmployeeId.get(p.input.employeeId.toLowerCase()) : undefined;
    const byMail = existingByEmail.get(p.input.email);
    if (byId && byMail && byId.id !== byMail.id) {
      errors.push({
        row: p.row,
        column: 'email',
        message: `belongs to another person than employee id ${p.input.employeeId}`,
      });
      badRows.add(p.row);
      continue;
    }
    if (
      !byId &&
      byMail &&
      p.input.employeeId &&
      byMail.employeeId &&
      byMail.employeeId !== p.input.employeeId
    ) {
      errors.push({ row: p.row, column: 'email', message: `belongs to employee id ${byMail.employeeId}` });
      badRows.add(p.row);
      continue;
    }
    const match = byId ?? byMail;
    const id = match?.id ?? randomUUID();
    const previous = claimed.get(id);
    if (previous !== undefined) {
      errors.push({ row: p.row, column: 'email', message: `describes the same person as row ${previous}` });
      badRows.add(p.row);
      continue;
    }
    claimed.set(id, p.row);
    idOfRow.set(p.row, { id, isNew: !match });
  }

  // 4. Managers, by email or employee id, in the file or already here; then cycles.
  const resolveManagers = () => {
    const managerOfRow = new Map<number, string | null>();
    for (const p of parsed) {
      if (badRows.has(p.row)) continue;
      if (!p.managerRef) {
        managerOfRow.set(p.row, null);
        continue;
      }
      const inFile = byEmail.get(p.managerRef) ?? byEmployeeId.get(p.managerRef);
      let managerId: string | undefined;
      if (inFile) {
        if (badRows.has(inFile.row)) {
          errors.push({
            row: p.row,
            column: 'manager',
            message: `names the person of row ${inFile.row}, which is invalid`,
          });
          badRows.add(p.row);
          continue;
        }
        managerId = idOfRow.get(inFile.row)?.id;
      } else {
        managerId = (existingByEmail.get(p.managerRef) ?? existingByEmployeeId.get(p.managerRef))?.id;
      }
      if (!managerId) {
        errors.push({
          row: p.row,
          column: 'manager',
          message: `no person with email or employee id "${p.managerRef}"`,
        });
        badRows.add(p.row);
        continue;
      }
      if (managerId === idOfRow.get(p.row)?.id) {
        errors.push({ row: p.row, column: 'manager', message: 'a person cannot be their own manager' });
        badRows.add(p.row);
        continue;
      }
      managerOfRow.set(p.row, managerId);
    }
    return managerOfRow;
  };
  let managerOfRow = resolveManagers();
  const findCycles = () => {
    const graph = new Map<string, string | null>(existing.map((e) => [e.id, e.managerId]));
    const rowOfId = new Map<string, number>();
    for (const [row, managerId] of managerOfRow) {
      const id = idOfRow.get(row)?.id as string;
      graph.set(id, managerId);
      rowOfId.set(id, row);
    }
    const cyclic = peopleInCycles(graph);
    let found = false;
    for (const id of cyclic) {
      const row = rowOfId.get(id);
      if (row !== undefined && !badRows.has(row)) {
        errors.push({
          row,
          column: 'manager',
          message: 'the reporting line forms a cycle (someone ends up managing their own manager)',
        });
        badRows.add(row);
        found = true;
      }
    }
    return found;
  };
  // With skipInvalid, dropping rows can strand their reports: repeat until nothing changes.
  let before = -1;
  while (before !== badRows.size) {
    before = badRows.size;
    findCycles();
    managerOfRow = resolveManagers();
  }

  errors.sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  const good = parsed.filter((p) => !badRows.has(p.row));
  const created = good.filter((p) => idOfRow.get(p.row)?.isNew).length;
  const counts = {
    rows: records.length,
    created,
    updated: good.length - created,
    skipped: records.length - good.length,
    ignoredColumns,
  };
  if ((errors.length > 0 && !options.skipInvalid) || options.dryRun) {
    return report({
      ...counts,
      skipped: errors.length > 0 && !options.skipInvalid ? records.length : counts.skipped,
    });
  }

  // 5. Apply, all or nothing.
  const batchSize = 500;
  await db.transaction(async (tx) => {
    for (let i = 0; i < good.length; i += batchSize) {
      const batch = good.slice(i, i + batchSize).map((p) => ({
        ...p.input,
        id: idOfRow.get(p.row)?.id as string,
        orgId: actor.orgId,
      }));
      await tx
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
          setWhere: eq(people.orgId, actor.orgId),
        });
      onProgress?.(Math.min(i + batchSize, good.length), good.length * 2);
    }
    for (let i = 0; i < good.length; i += batchSize) {
      const pairs = good
        .slice(i, i + batchSize)
        .map((p) => [idOfRow.get(p.row)?.id as string, managerOfRow.get(p.row) ?? null] as const);
      const values = sql.join(
        pairs.map(([id, m]) => sql`(${id}::uuid, ${m}::uuid)`),
        sql`, `,
      );
      await tx.execute(
        sql`update people set manager_id = v.m from (values ${values}) as v(id, m) where people.id = v.id and people.org_id = ${actor.orgId}`,
      );
      onProgress?.(good.length + Math.min(i + batchSize, good.length), good.length * 2);
    }
    await writeAudit(tx, actor, actor.orgId, {
      action: 'people.imported',
      entityType: 'person',
      details: { created: counts.created, updated: counts.updated, skipped: counts.skipped },
    });
  });
  // Large imports change the table's shape; refresh the planner's statistics.
  if (good.length >= 1000) await db.execute(sql`analyze people`);
  return report({ ...counts, applied: true });
}

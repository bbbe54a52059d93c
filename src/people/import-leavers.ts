// A leavers file (employee id or email, leave date, reason) sets who left and when,
// touching nothing else about them: the outcome reports count retention from it.
// Same rules as the people import: row-by-row report, all or nothing.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { people } from '../db/schema.js';
import { AppError } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import type { ColumnMapping, ImportField } from './import-columns.js';
import { type DateFormat, toIsoDate } from './import-dates.js';
import { type FileOptions, openImportFile } from './import-file.js';
import { planLookupsOf } from './import-mappings.js';
import { planImport } from './import-plan.js';
import type { ImportProblem, LeaversReport } from './import-report.js';
import { personFields } from './person-schema.js';

export type { LeaversReport };

export type LeaversOptions = FileOptions & {
  dryRun?: boolean | undefined;
  dateFormat?: DateFormat | undefined;
  mapping?: ColumnMapping | undefined;
  maxRows: number;
};

const leaverSchema = z.object({
  leaveDate: personFields.leaveDate.unwrap().unwrap(),
  leaveReason: personFields.leaveReason,
});

function requiredLeaverColumns(index: Partial<Record<ImportField, number>>) {
  const problems: { column: string; message: string }[] = [];
  if (index.employee_id === undefined && index.email === undefined)
    problems.push({
      column: 'employee_id',
      message: 'the header has no employee id (or email) column (required)',
    });
  if (index.leave_date === undefined)
    problems.push({ column: 'leave_date', message: 'the header has no leave date column (required)' });
  return problems;
}

/** Sets leave date and reason for each person named in the file, or nothing if any row is wrong. */
export async function importLeavers(
  db: Db,
  actor: Actor,
  bytes: Buffer,
  options: LeaversOptions,
): Promise<LeaversReport> {
  assertRole(actor, 'org_admin', 'programme_manager');
  const errors: ImportProblem[] = [];
  const report = (extra: Partial<LeaversReport>): LeaversReport => ({
    rows: 0,
    updated: 0,
    applied: false,
    dryRun: Boolean(options.dryRun),
    ignoredColumns: [],
    errors,
    ...extra,
  });
  const file = await openImportFile(bytes, options);
  const plan = await planImport(planLookupsOf(db, actor.orgId), file, {
    mapping: options.mapping,
    dateFormat: options.dateFormat,
    maxRows: options.maxRows,
    required: requiredLeaverColumns,
  });
  if ('empty' in plan) {
    errors.push({
      row: 1,
      column: null,
      message: 'the file is empty: it needs a header row and one row per leaver',
    });
    return report({});
  }
  for (const p of plan.problems) errors.push({ row: 1, ...p });
  if (errors.length) return report({ ignoredColumns: plan.ignoredColumns });

  const known = await db
    .select({ id: people.id, email: people.email, employeeId: people.employeeId })
    .from(people)
    .where(eq(people.orgId, actor.orgId));
  const byKey = new Map<string, string>();
  for (const p of known) {
    byKey.set(`email:${p.email.toLowerCase()}`, p.id);
    if (p.employeeId) byKey.set(`id:${p.employeeId.toLowerCase()}`, p.id);
  }
  const updates: { id: string; leaveDate: string; leaveReason: string | null }[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  const cell = (cells: string[], field: ImportField) => {
    const at = plan.index[field];
    return at === undefined ? '' : (cells[at] ?? '').trim();
  };
  let header = true;
  for await (const { line, cells } of file.records(options.maxRows)) {
    if (header) {
      header = false;
      continue;
    }
    if (++rows % 2000 === 0) await nextTurn();
    const employeeId = cell(cells, 'employee_id');
    const email = cell(cells, 'email');
    const key = employeeId ? `id:${employeeId.toLowerCase()}` : `email:${email.toLowerCase()}`;
    const column = employeeId ? 'employee_id' : 'email';
    const id = byKey.get(key);
    if (!employeeId && !email) {
      errors.push({ row: line, column: 'employee_id', message: 'is required' });
      continue;
    }
    if (!id) {
      errors.push({
        row: line,
        column,
        message: `no person with ${column.replace('_', ' ')} "${employeeId || email}"`,
      });
      continue;
    }
    const before = seen.get(id);
    if (before !== undefined) {
      errors.push({ row: line, column, message: `names the same person as row ${before}` });
      continue;
    }
    seen.set(id, line);
    const parsed = leaverSchema.safeParse({
      leaveDate: toIsoDate(cell(cells, 'leave_date'), plan.slash),
      leaveReason: cell(cells, 'leave_reason') || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({
          row: line,
          column: issue.path[0] === 'leaveDate' ? 'leave_date' : 'leave_reason',
          message: issue.message,
        });
      continue;
    }
    updates.push({ id, leaveDate: parsed.data.leaveDate, leaveReason: parsed.data.leaveReason ?? null });
  }
  errors.sort((a, b) => a.row - b.row);
  if (rows === 0 && errors.length === 0)
    errors.push({ row: 1, column: null, message: 'the file has a header but no leavers' });
  if (errors.length > 0 || options.dryRun) {
    return report({ rows, updated: errors.length ? 0 : updates.length, ignoredColumns: plan.ignoredColumns });
  }
  await db.transaction(async (tx) => {
    for (let i = 0; i < updates.length; i += 500) {
      const values = sql.join(
        updates
          .slice(i, i + 500)
          .map((u) => sql`(${u.id}::uuid, ${u.leaveDate}::date, ${u.leaveReason}::text)`),
        sql`, `,
      );
      await tx.execute(
        sql`update people set leave_date = v.d, leave_reason = v.r, version = people.version + 1, updated_at = now()
            from (values ${values}) as v(id, d, r) where people.id = v.id and people.org_id = ${actor.orgId}`,
      );
    }
    await writeAudit(tx, actor, actor.orgId, {
      action: 'people.leavers_imported',
      entityType: 'person',
      details: { updated: updates.length },
    });
  });
  return report({ rows, updated: updates.length, applied: true, ignoredColumns: plan.ignoredColumns });
}

/** A refused leavers file as the one error shape (400 with the report). */
export const leaversRefused = (report: LeaversReport) =>
  new AppError('validation_failed', `The file has ${report.errors.length} problem(s); nothing was changed.`, {
    fields: report.errors.map((e) => ({
      path: `row ${e.row}${e.column ? `.${e.column}` : ''}`,
      message: e.message,
    })),
    details: { report },
  });

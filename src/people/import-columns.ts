// The fields an import can fill, the header names that propose them, and the
// mapping from a file's columns to fields.
import { z } from 'zod';
import { type ImportPreset, presetField, presetForHeader } from './import-presets.js';

/** Twoway fields a column can feed; `first_name` + `last_name` stand in for `name`. */
export const importFields = [
  'employee_id',
  'name',
  'first_name',
  'last_name',
  'email',
  'job_title',
  'job_level',
  'department',
  'manager',
  'location',
  'time_zone',
  'languages',
  'hire_date',
  'birth_year',
  'career_stage',
  'leave_date',
  'leave_reason',
] as const;
export type ImportField = (typeof importFields)[number];

/** Which header (as written in the file) feeds each field; unmapped columns are ignored. */
export const columnMappingSchema = z
  .object(Object.fromEntries(importFields.map((f) => [f, z.string().min(1).max(200).optional()])))
  .strict() as unknown as z.ZodType<Partial<Record<ImportField, string>>>;
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Header names Twoway's own format and common HR exports use, normalised (see normaliseHeader). */
export const headerAliases: Record<ImportField, readonly string[]> = {
  employee_id: ['employee_id', 'employee_number', 'employee_no', 'staff_id'],
  name: ['name', 'full_name', 'display_name'],
  first_name: ['first_name', 'given_name', 'firstname'],
  last_name: ['last_name', 'surname', 'family_name', 'lastname'],
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
};

export const normaliseHeader = (h: string) =>
  h
    .trim()
    .toLowerCase()
    .replace(/[\s\-./]+/g, '_');

/**
 * Proposes a field for each header it recognises: through the HR system's preset when the
 * header matches one, then through the generic names; the first column wins a field.
 */
export function proposeMapping(header: readonly string[]): {
  mapping: ColumnMapping;
  preset: ImportPreset | null;
} {
  const preset = presetForHeader(header);
  const mapping: ColumnMapping = {};
  for (const raw of header) {
    const h = normaliseHeader(raw);
    const field =
      (preset && presetField(preset, raw)) ?? importFields.find((f) => headerAliases[f].includes(h));
    if (field && !mapping[field]) mapping[field] = raw;
  }
  // A full name and a first + last pair: the full name is the simpler reading.
  if (mapping.name) {
    delete mapping.first_name;
    delete mapping.last_name;
  }
  return { mapping, preset };
}

/** A mapping turned into column positions, ready to read records. */
export interface ResolvedMapping {
  index: Partial<Record<ImportField, number>>;
  ignoredColumns: string[];
}

/** Places each mapped header in the file; problems name mapped columns the file lacks. */
export function resolveMapping(
  header: readonly string[],
  mapping: ColumnMapping,
): { resolved: ResolvedMapping; problems: { column: string | null; message: string }[] } {
  const problems: { column: string | null; message: string }[] = [];
  const index: Partial<Record<ImportField, number>> = {};
  const used = new Set<number>();
  for (const field of importFields) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    const at = header.indexOf(wanted);
    if (at === -1) {
      problems.push({ column: field, message: `the header has no column "${wanted}" (mapped to ${field})` });
      continue;
    }
    index[field] = at;
    used.add(at);
  }
  const ignoredColumns = header.filter((_, i) => !used.has(i));
  return { resolved: { index, ignoredColumns }, problems };
}

/** A people file needs a name (or first and last name), an email and a level. */
export function requiredPeopleColumns(index: Partial<Record<ImportField, number>>) {
  const problems: { column: string; message: string }[] = [];
  if (index.name === undefined && (index.first_name === undefined || index.last_name === undefined)) {
    problems.push({
      column: 'name',
      message: 'the header has no name column (required), nor a first and a last name column',
    });
  }
  for (const field of ['email', 'job_level'] as const) {
    if (index[field] === undefined)
      problems.push({ column: field, message: `the header has no ${field} column (required)` });
  }
  return problems;
}

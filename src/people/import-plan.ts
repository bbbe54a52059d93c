// How to read a file before reading its rows: its header, the mapping of its columns
// (given, saved for this header, or proposed), the order of its slashed dates and the
// organisation's grade levels. Shared by the people import, its preview and leavers.
import { type ColumnMapping, type ImportField, proposeMapping, resolveMapping } from './import-columns.js';
import { type DateFormat, SlashOrder } from './import-dates.js';
import type { FileRecord, ImportFile } from './import-file.js';
import type { mappingSources } from './import-report.js';

export type MappingSource = (typeof mappingSources)[number];

export interface ImportPlan {
  header: string[];
  mapping: ColumnMapping;
  mappingSource: MappingSource;
  preset: { id: string; name: string } | null;
  index: Partial<Record<ImportField, number>>;
  ignoredColumns: string[];
  /** The date format chosen, saved with the mapping, or found in the file (null: nothing to decide). */
  dateFormat: DateFormat | null;
  /** How slashed dates read; null when the file has none or none decides it. */
  slash: 'DD/MM/YYYY' | 'MM/DD/YYYY' | null;
  /** Slashed dates that read both ways: the admin must choose. */
  dateFormatNeeded: boolean;
  levels: Map<string, number>;
  problems: { column: string | null; message: string }[];
}

/** What planning reads from the database, asked through this so that a worker thread can plan too. */
export interface PlanLookups {
  savedMapping(header: string[]): Promise<{ mapping: ColumnMapping; dateFormat: DateFormat | null } | null>;
  gradeLevels(): Promise<Map<string, number>>;
}

/** Grade names compare trimmed and lower-cased. */
export const gradeKey = (grade: string) => grade.trim().toLowerCase();

export interface PlanOptions {
  mapping?: ColumnMapping | undefined;
  dateFormat?: DateFormat | undefined;
  maxRows: number;
  /** What the file must map: problems for what is missing (people need name, email and level). */
  required: (index: Partial<Record<ImportField, number>>) => { column: string; message: string }[];
}

async function firstRecord(records: AsyncGenerator<FileRecord>): Promise<FileRecord | null> {
  for await (const record of records) return record;
  return null;
}

/** Reads the header (and, when slashed dates must be ordered, the date columns) and plans the read. */
export async function planImport(
  lookups: PlanLookups,
  file: ImportFile,
  options: PlanOptions,
): Promise<ImportPlan | { empty: true }> {
  const head = await firstRecord(file.records(options.maxRows));
  if (!head) return { empty: true };
  const header = head.cells;
  const proposed = proposeMapping(header);
  const saved = options.mapping ? null : await lookups.savedMapping(header);
  const mapping = options.mapping ?? saved?.mapping ?? proposed.mapping;
  const mappingSource: MappingSource = options.mapping
    ? 'given'
    : saved
      ? 'saved'
      : proposed.preset
        ? 'preset'
        : 'columns';
  const { resolved, problems } = resolveMapping(header, mapping);
  problems.push(...options.required(resolved.index));
  const plan: ImportPlan = {
    header,
    mapping,
    mappingSource,
    preset: proposed.preset ? { id: proposed.preset.id, name: proposed.preset.name } : null,
    index: resolved.index,
    ignoredColumns: resolved.ignoredColumns,
    dateFormat: options.dateFormat ?? saved?.dateFormat ?? null,
    slash: null,
    dateFormatNeeded: false,
    levels: await lookups.gradeLevels(),
    problems,
  };
  if (problems.length === 0) await orderSlashedDates(file, plan, options.maxRows);
  return plan;
}

/** Decides day-first or month-first for slashed dates, from the choice or from the file itself. */
async function orderSlashedDates(file: ImportFile, plan: ImportPlan, maxRows: number) {
  if (plan.dateFormat === 'DD/MM/YYYY' || plan.dateFormat === 'MM/DD/YYYY') {
    plan.slash = plan.dateFormat;
    return;
  }
  const columns = (['hire_date', 'leave_date'] as const)
    .map((f) => plan.index[f])
    .filter((i): i is number => i !== undefined);
  if (columns.length === 0 || plan.dateFormat) return;
  const order = new SlashOrder();
  let first = true;
  for await (const { cells } of file.records(maxRows)) {
    if (first) {
      first = false;
      continue;
    }
    for (const c of columns) order.see(cells[c] ?? '');
    // The first date that reads only one way decides; a later one that disagrees fails its row.
    if (order.order) break;
  }
  if (order.slashed && !order.order) {
    plan.dateFormatNeeded = true;
    plan.problems.push({
      column: 'hire_date',
      message:
        'every date such as 01/02/2020 could be day first or month first: choose the date format (DD/MM/YYYY or MM/DD/YYYY)',
    });
  }
  plan.slash = order.order;
  plan.dateFormat = order.order ?? (order.slashed ? null : plan.dateFormat);
}

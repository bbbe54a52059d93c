// The mapping step: what the import would read from a file, before anything is written.
// The admin sees the header, the first rows, the proposed (or saved) mapping, the date
// format and the grade names that still need a level, corrects them, and saves them.
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { importFields, requiredPeopleColumns } from './import-columns.js';
import { dateFormats } from './import-dates.js';
import { type FileOptions, openImportFile } from './import-file.js';
import { planLookupsOf } from './import-mappings.js';
import { gradeKey, planImport } from './import-plan.js';
import { importPresets } from './import-presets.js';

const previewRows = 10;
const maxGrades = 200;

export async function previewImport(
  db: Db,
  actor: Actor,
  bytes: Buffer,
  options: FileOptions & { dateFormat?: (typeof dateFormats)[number] | undefined; maxRows: number },
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const file = await openImportFile(bytes, options);
  const plan = await planImport(planLookupsOf(db, actor.orgId), file, {
    dateFormat: options.dateFormat,
    maxRows: options.maxRows,
    required: requiredPeopleColumns,
  });
  if ('empty' in plan) {
    throw new AppError(
      'validation_failed',
      'The file is empty: it needs a header row and one row per person.',
      {
        fields: [{ path: 'file', message: 'is empty' }],
      },
    );
  }
  const preview: string[][] = [];
  const grades = new Set<string>();
  let rows = -1;
  const levelAt = plan.index.job_level;
  for await (const { cells } of file.records(options.maxRows)) {
    rows++;
    if (rows === 0) continue;
    if (preview.length < previewRows) preview.push(cells);
    const grade = levelAt === undefined ? '' : (cells[levelAt] ?? '').trim();
    if (grade !== '' && Number.isNaN(Number(grade)) && grades.size < maxGrades) grades.add(grade);
  }
  return {
    format: file.format,
    encoding: file.encoding,
    delimiter: file.delimiter,
    sheets: file.sheets,
    sheet: file.sheet,
    header: plan.header,
    preview,
    rows,
    preset: plan.preset,
    mapping: plan.mapping,
    mappingSource: plan.mappingSource,
    dateFormat: plan.dateFormat,
    dateFormatNeeded: plan.dateFormatNeeded,
    grades: [...grades].map((grade) => ({ grade, level: plan.levels.get(gradeKey(grade)) ?? null })),
    problems: plan.problems,
    fields: importFields,
    dateFormats,
    presets: importPresets.map((p) => ({ id: p.id, name: p.name })),
  };
}
export type ImportPreview = Awaited<ReturnType<typeof previewImport>>;

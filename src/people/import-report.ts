// What the people import answers: the mapping step's reading of a file, the row-by-row
// reports of an import and of a leavers file, and the saved mappings and grade levels.
import { z } from 'zod';
import { importFields } from './import-columns.js';
import { dateFormats } from './import-dates.js';
import { importEncodings } from './import-file.js';

export const mappingSources = ['given', 'saved', 'preset', 'columns'] as const;
const mappingSchema = z.partialRecord(z.enum(importFields), z.string());
const dateFormat = z.enum(dateFormats).nullable();
const count = z.number().int();

export const importProblemSchema = z.object({
  /** The row in the file (the header is row 1). */
  row: count,
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

export const fileFactsSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  sheet: z.string().nullable(),
  mappingSource: z.enum(mappingSources),
  preset: z.string().nullable(),
  mapping: mappingSchema,
  dateFormat,
});
export type FileFacts = z.infer<typeof fileFactsSchema>;

export const importReportSchema = z.object({
  rows: count,
  created: count,
  updated: count,
  skipped: count,
  applied: z.boolean(),
  dryRun: z.boolean(),
  ignoredColumns: z.array(z.string()),
  /** How the file was read: format, encoding, delimiter, sheet, mapping and date format. */
  file: fileFactsSchema.optional(),
  errors: z.array(importProblemSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const leaversReportSchema = z.object({
  rows: count,
  updated: count,
  applied: z.boolean(),
  dryRun: z.boolean(),
  ignoredColumns: z.array(z.string()),
  errors: z.array(importProblemSchema),
});
export type LeaversReport = z.infer<typeof leaversReportSchema>;

/** The mapping step's reading of a file (POST /people/import/preview). */
export const importPreviewSchema = z.object({
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(importEncodings).nullable(),
  delimiter: z.string().nullable(),
  sheets: z.array(z.string()),
  sheet: z.string().nullable(),
  header: z.array(z.string()),
  /** The first rows, as written. */
  preview: z.array(z.array(z.string())),
  rows: count,
  preset: z.object({ id: z.string(), name: z.string() }).nullable(),
  mapping: mappingSchema,
  mappingSource: z.enum(mappingSources),
  dateFormat,
  dateFormatNeeded: z.boolean(),
  grades: z.array(z.object({ grade: z.string(), level: count.nullable() })),
  problems: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
  fields: z.array(z.enum(importFields)).readonly(),
  dateFormats: z.array(z.enum(dateFormats)).readonly(),
  presets: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const savedMappingSchema = z.object({
  header: z.array(z.string()),
  mapping: mappingSchema,
  dateFormat,
});

/** Job levels by grade name, as saved for the organisation. */
export const gradeLevelsSchema = z.record(z.string(), count);

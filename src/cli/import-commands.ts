// `twoway import people` and `twoway import leavers`: HR exports into the organisation.
import { readFileSync, writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { AppError, zodFields } from '../errors.js';
import { systemActor } from '../identity/system-actor.js';
import { columnMappingSchema } from '../people/import-columns.js';
import { type DateFormat, dateFormatSchema, dateFormats } from '../people/import-dates.js';
import { type ImportEncoding, importEncodings } from '../people/import-file.js';
import { importLeavers } from '../people/import-leavers.js';
import { importPeople } from '../people/import-people.js';
import { previewImport } from '../people/import-preview.js';
import { progressBar, resolveOrg, withDatabase } from './cli-support.js';

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

export function registerImportCommands(program: Command): void {
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
}

// `twoway backup`, `twoway restore` and `twoway move`: what an operator runs to keep
// and to move a Twoway database.
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { backup, redactUrl, restore } from '../operations/backup.js';
import { moveToPostgres } from '../operations/move.js';

/** Adds the operator's commands to the twoway command. */
export function registerOperationsCommands(program: Command): void {
  program
    .command('backup <file>')
    .description(
      'write a backup of the whole database to <file> (PGlite: an archive of TWOWAY_DATA_DIR; PostgreSQL: pg_dump custom format)',
    )
    .action(async (file: string) => {
      const started = performance.now();
      const result = await backup(loadConfig(), file);
      process.stdout.write(
        `Backed up the ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} database to ${result.file} (${result.bytes} bytes) in ${Math.round(performance.now() - started)} ms.\n`,
      );
    });

  program
    .command('restore <file>')
    .description('restore a backup made by twoway backup into an empty database (same kind of database)')
    .option('--replace', 'replace a database that already holds data (PGlite keeps the old folder beside it)')
    .action(async (file: string, opts: { replace?: boolean }) => {
      const result = await restore(loadConfig(), file, opts);
      process.stdout.write(
        `Restored ${file} into the ${result.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} database.\n` +
          (result.keptAt ? `The database it replaced is kept in ${result.keptAt}.\n` : ''),
      );
    });

  program
    .command('move')
    .description(
      'copy the PGlite database in TWOWAY_DATA_DIR into an empty PostgreSQL database, then say what to change',
    )
    .requiredOption(
      '--to <url>',
      'the PostgreSQL database to move to (postgres://user:password@host:5432/name)',
    )
    .action(async (opts: { to: string }) => {
      const config = loadConfig();
      const result = await moveToPostgres(config.TWOWAY_DATA_DIR, opts.to, (table, rows) => {
        if (process.stderr.isTTY) process.stderr.write(`move: ${table} ${rows}\n`);
      });
      process.stdout.write(
        `Moved ${result.rows} rows in ${result.tables.length} tables from ${config.TWOWAY_DATA_DIR} to ${redactUrl(opts.to)} in ${Math.round(result.ms)} ms; every table's row count matches.\n` +
          `${result.tables.map((t) => `  ${t.table.padEnd(28)} ${t.rows}`).join('\n')}\n` +
          'To run on PostgreSQL from now on:\n' +
          `  set DATABASE_URL=${redactUrl(opts.to)} (with its real password) for every web and worker process;\n` +
          '  TWOWAY_DATA_DIR is then ignored: keep the folder until you have checked the new database, then archive it;\n' +
          '  start as many web and worker processes as you need (npm start -- --services=web|worker).\n',
      );
    });
}

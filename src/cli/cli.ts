// The `twoway` command: every administrative job, through the same use cases as the API.
// Commands are registered by noun, each from its own file.
import { Command, CommanderError } from 'commander';
import { AppError } from '../errors.js';
import { resolveOrg, withDatabase } from './cli-support.js';
import { registerImportCommands } from './import-commands.js';
import { registerMatchRunCommands } from './match-run-commands.js';
import { registerMatchingCommands } from './matching-commands.js';
import { registerOperationsCommands } from './operations-commands.js';
import { registerProgrammeCommands } from './programme-commands.js';
import { registerReportCommands } from './report-commands.js';
import { registerServerCommands } from './server-commands.js';

export function buildCli(): Command {
  const program = new Command('twoway')
    .description(
      'Twoway: mentoring programmes (conventional, reverse, mutual). Uses DATABASE_URL, or PGlite in TWOWAY_DATA_DIR (default ./.twoway).',
    )
    .showHelpAfterError()
    .exitOverride();
  registerServerCommands(program);
  registerImportCommands(program);
  registerProgrammeCommands(program);
  registerMatchingCommands(program);
  registerOperationsCommands(program);
  registerReportCommands(program, { withDatabase, resolveOrg });
  registerMatchRunCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof AppError) {
      process.stderr.write(`error: ${err.message}\n`);
      for (const f of err.fields ?? []) process.stderr.write(`  ${f.path}: ${f.message}\n`);
      return err.code === 'validation_failed' ? 2 : 1;
    }
    process.stderr.write(`error: ${(err as Error).message}\n`);
    return 1;
  }
}

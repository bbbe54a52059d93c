// `twoway programmes list`, locally or against a remote server with a token.
import { type Command, Option } from 'commander';
import { programmeStatusSchema } from '../programmes/lifecycle.js';
import { listProgrammes } from '../programmes/programmes.js';
import { remoteOrLocal } from './cli-support.js';
import { type RemoteOptions, remoteOptions } from './remote.js';

export function registerProgrammeCommands(program: Command): void {
  const programmesCmd = program.command('programmes').description('mentoring programmes');
  remoteOptions(
    programmesCmd
      .command('list')
      .description('list programmes with their status and enrolment counts')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .addOption(
        new Option('--status <status>', 'only programmes in this status').choices(
          programmeStatusSchema.options,
        ),
      )
      .option('--json', 'print JSON'),
  ).action(
    async (
      opts: RemoteOptions & {
        org?: string;
        status?: (typeof programmeStatusSchema.options)[number];
        json?: boolean;
      },
    ) => {
      const list = await remoteOrLocal(
        opts,
        { method: 'GET', path: `/programmes${opts.status ? `?status=${opts.status}` : ''}` },
        (db, actor) => listProgrammes(db, actor, opts.status ? { status: opts.status } : {}),
      );
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (list.length === 0) process.stdout.write('No programmes.\n');
      for (const p of list) {
        process.stdout.write(
          `${p.id}  ${p.status.padEnd(9)}  ${p.kind.padEnd(12)}  ${String(p.enrolled?.mentors ?? 0).padStart(4)} mentors  ${String(p.enrolled?.mentees ?? 0).padStart(4)} mentees  ${p.name}\n`,
        );
      }
    },
  );
}

// `twoway matches run|list|publish|rematch`: a programme's match runs, locally or remotely.
import { type Command, Option } from 'commander';
import { systemActor } from '../identity/system-actor.js';
import { createMatchRun, listMatchRuns } from '../matches/match-runs.js';
import { publishMatchRun } from '../matches/publish-match-run.js';
import { rematchProgramme } from '../matches/rematch.js';
import { remoteOrLocal, resolveOrg, uuidOf, withDatabase } from './cli-support.js';
import { type RemoteOptions, remoteOptions } from './remote.js';

export function registerMatchRunCommands(program: Command): void {
  const matchesCmd = program
    .command('matches')
    .description('matching runs of a programme: run, list, publish, re-match');
  const objectiveOption = () =>
    new Option('--objective <objective>', 'what to optimise').choices(['total', 'fairest', 'stable']);
  const printRun = (run: {
    id: string;
    status: string;
    mode: string;
    pairCount?: number;
    unmatchedCount?: number;
    summary?: { meanScore?: number } | { meanFit: number };
  }) => {
    // A circles run's mean is its members' topic fit.
    const mean =
      run.summary && 'meanFit' in run.summary ? run.summary.meanFit : (run.summary?.meanScore ?? 0);
    process.stdout.write(
      `${run.id}  ${run.status.padEnd(9)}  ${run.mode.padEnd(7)}  ${String(run.pairCount ?? 0).padStart(5)} pairs  ${String(run.unmatchedCount ?? 0).padStart(5)} unmatched  mean score ${mean.toFixed(3)}\n`,
    );
  };
  remoteOptions(
    matchesCmd
      .command('run <programmeId>')
      .description('run matching on a programme in the matching stage and store the run as a draft')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .addOption(objectiveOption())
      .option('--json', 'print the whole run as JSON'),
  ).action(
    async (
      programmeId: string,
      opts: RemoteOptions & { org?: string; objective?: 'total' | 'fairest' | 'stable'; json?: boolean },
    ) => {
      const id = uuidOf('programmeId', programmeId);
      const input = { settings: opts.objective ? { objective: opts.objective } : {} };
      const run = await remoteOrLocal(
        opts,
        { method: 'POST', path: `/programmes/${id}/match-runs`, body: input },
        (db, actor) => createMatchRun(db, actor, id, input),
      );
      if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
      else printRun(run);
    },
  );
  remoteOptions(
    matchesCmd
      .command('list <programmeId>')
      .description('list the runs of a programme, newest first')
      .option('--org <slug>', 'organisation (needed when there are several)')
      .option('--json', 'print JSON'),
  ).action(async (programmeId: string, opts: RemoteOptions & { org?: string; json?: boolean }) => {
    const id = uuidOf('programmeId', programmeId);
    const runs = await remoteOrLocal(
      opts,
      { method: 'GET', path: `/programmes/${id}/match-runs` },
      (db, actor) => listMatchRuns(db, actor, id),
    );
    if (opts.json) process.stdout.write(`${JSON.stringify(runs, null, 2)}\n`);
    else if (runs.length === 0) process.stdout.write('No runs.\n');
    else for (const run of runs) printRun(run);
  });
  remoteOptions(
    matchesCmd
      .command('publish <runId>')
      .description('publish a draft run: create the relationships and queue the invitations')
      .option('--org <slug>', 'organisation (needed when there are several)'),
  ).action(async (runId: string, opts: RemoteOptions & { org?: string }) => {
    const id = uuidOf('runId', runId);
    const result = await remoteOrLocal(
      opts,
      { method: 'POST', path: `/match-runs/${id}/publish`, body: {} },
      (db, actor) => publishMatchRun(db, actor, id),
    );
    process.stdout.write(
      `Published ${result.run.id}: ${result.relationshipsCreated} relationships proposed, ${result.invitationsQueued} invitations queued.\n`,
    );
  });
  matchesCmd
    .command('rematch <programmeId>')
    .description('re-match declined and withdrawn people from the remaining places, and publish')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .addOption(objectiveOption())
    .action(
      async (programmeId: string, opts: { org?: string; objective?: 'total' | 'fairest' | 'stable' }) => {
        await withDatabase(async (database) => {
          const orgId = await resolveOrg(database, opts.org);
          const result = await rematchProgramme(
            database.db,
            systemActor(orgId),
            uuidOf('programmeId', programmeId),
            { settings: opts.objective ? { objective: opts.objective } : {} },
          );
          process.stdout.write(
            `Re-matched: ${result.relationshipsCreated} new proposals, ${result.run.unmatchedCount} still unmatched, ${result.proposalsWithdrawn} orphaned proposals withdrawn.\n`,
          );
        });
      },
    );
}

// The jobs this application runs on its queue. Each checks its payload with zod and is
// safe to run twice: a job whose worker died is retried.
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { runEngagementSweep } from '../engagement/sweep.js';
import type { JobDefinition } from './queue.js';

export const engagementSweepJob = 'engagement-sweep';

export interface JobsContext {
  db: Db;
  baseUrl: string;
  /** The time a job acts at; tests bring their own clock. */
  clock?: () => Date;
  log?: (line: string) => void;
}

/** Every job, with its schedule. */
export function jobDefinitions(ctx: JobsContext): JobDefinition<Record<string, never>>[] {
  const clock = ctx.clock ?? (() => new Date());
  return [
    {
      name: engagementSweepJob,
      payload: z.object({}).strict() as z.ZodType<Record<string, never>>,
      // Every minute: a one-hour meeting reminder goes out within a minute of its time.
      cron: '* * * * *',
      everySeconds: 60,
      expireInSeconds: 600,
      async run() {
        const sent = await runEngagementSweep(ctx.db, { now: clock() });
        const total = Object.values(sent).reduce((a, b) => a + b, 0);
        if (total) ctx.log?.(`Engagement sweep: ${JSON.stringify(sent)}`);
      },
    },
  ];
}

// Re-matching: people whose proposal was declined or withdrawn are matched again
// from the remaining places, without touching accepted (or still pending) pairs.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import { enrolments, relationships } from '../db/schema.js';
import { conflict } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { lockProgramme } from '../programmes/programmes.js';
import { loadCohort } from './load-cohort.js';
import {
  createRunSchema,
  markRunPublished,
  presentRun,
  runEngine,
  runSchema,
  saveRun,
} from './match-runs.js';
import { createRelationshipsFromPairs } from './publish-match-run.js';

export const rematchSchema = createRunSchema;
export const rematchResultSchema = z.object({
  run: runSchema,
  relationshipsCreated: z.number().int(),
  proposalsWithdrawn: z.number().int(),
});

/** Proposals where one side has since withdrawn from the programme are withdrawn too. */
async function withdrawOrphanedProposals(tx: Tx, programmeId: string): Promise<number> {
  const withdrawn = await tx
    .select({ personId: enrolments.personId })
    .from(enrolments)
    .where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.status, 'withdrawn')));
  const ids = withdrawn.map((w) => w.personId);
  if (!ids.length) return 0;
  const rows = await tx
    .update(relationships)
    .set({ status: 'withdrawn', version: sql`${relationships.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(relationships.programmeId, programmeId),
        eq(relationships.status, 'proposed'),
        sql`(${inArray(relationships.mentorId, ids)} or ${inArray(relationships.menteeId, ids)})`,
      ),
    )
    .returning({ id: relationships.id });
  return rows.length;
}

/** Runs matching over the people without a live match and publishes the new pairs at once. */
export async function rematchProgramme(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: z.infer<typeof rematchSchema>,
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, actor, programmeId);
    if (programme.format !== 'one_to_one')
      throw conflict('Re-matching is for one-to-one programmes; peers and circles are matched once.', [
        { path: 'programme.format', message: `is ${programme.format}` },
      ]);
    if (programme.status !== 'active') {
      throw conflict(`Re-matching happens once a run is published (the programme is ${programme.status}).`, [
        { path: 'programme.status', message: `is ${programme.status}` },
      ]);
    }
    const withdrawn = await withdrawOrphanedProposals(tx, programme.id);
    const { cohort, fingerprint } = await loadCohort(tx, programme, 'rematch');
    const result = runEngine(cohort, input.settings);
    const run = await saveRun(tx, actor, programme, 'rematch', fingerprint, result);
    const created = await createRelationshipsFromPairs(tx, programme, run.id, result.pairs);
    const published = await markRunPublished(tx, actor, run);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match.rematched',
      entityType: 'programme',
      entityId: programme.id,
      details: {
        matchRunId: run.id,
        relationships: created.length,
        unmatched: result.unmatched.length,
        proposalsWithdrawn: withdrawn,
      },
    });
    return {
      run: presentRun(published, false),
      relationshipsCreated: created.length,
      proposalsWithdrawn: withdrawn,
    };
  });
}

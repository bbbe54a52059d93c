// Re-matching: people whose proposal was declined or withdrawn are matched again
// from the remaining places, without touching accepted (or still pending) pairs. Peers
// are paired again among themselves; circle members join circles with room left, or
// planned circles never formed.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import { enrolments, relationships } from '../db/schema.js';
import { conflict } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { lockProgramme } from '../programmes/programmes.js';
import { createGroupRelationships, loadRunCohort, runForFormat } from './group-runs.js';
import { createRunSchema, markRunPublished, presentRun, runSchema, saveRun } from './match-runs.js';
import { createRelationshipsFromPairs } from './publish-match-run.js';

export const rematchSchema = createRunSchema;
export const rematchResultSchema = z.object({
  run: runSchema,
  relationshipsCreated: z.number().int(),
  /** Circles programmes: members proposed a place in a circle already formed. */
  membersJoined: z.number().int(),
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
    if (programme.status !== 'active') {
      throw conflict(`Re-matching happens once a run is published (the programme is ${programme.status}).`, [
        { path: 'programme.status', message: `is ${programme.status}` },
      ]);
    }
    const withdrawn = await withdrawOrphanedProposals(tx, programme.id);
    const loaded = await loadRunCohort(tx, programme, 'rematch');
    const result = runForFormat(programme, loaded, input);
    const run = await saveRun(tx, actor, programme, 'rematch', loaded.fingerprint, result);
    const { created, joined } =
      result.format === 'one_to_one'
        ? { created: await createRelationshipsFromPairs(tx, programme, run.id, result.pairs), joined: 0 }
        : await createGroupRelationships(tx, programme, run);
    const published = await markRunPublished(tx, actor, run);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match.rematched',
      entityType: 'programme',
      entityId: programme.id,
      details: {
        matchRunId: run.id,
        format: result.format,
        relationships: created.length,
        membersJoined: joined,
        unmatched: result.unmatched.length + result.leftOut.length,
        proposalsWithdrawn: withdrawn,
      },
    });
    return {
      run: presentRun(published, result, false),
      relationshipsCreated: created.length,
      membersJoined: joined,
      proposalsWithdrawn: withdrawn,
    };
  });
}

// Re-matching: people whose proposal was declined or withdrawn are matched again
// from the remaining places, without touching accepted (or still pending) pairs. Peers
// are paired again among themselves; circle members join circles with room left, or
// planned circles never formed.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import { enrolments, relationshipMembers, relationships } from '../db/schema.js';
import { conflict } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { lockProgramme } from '../programmes/programmes.js';
import { createGroupRelationships, loadRunCohort, runForFormat } from './group-runs.js';
import { createRunSchema, markRunPublished, presentRun, runSchema, saveRun } from './match-runs.js';
import { createRelationshipsFromPairs } from './publish-match-run.js';
import { circleStatusFrom, tellCircleOutcome } from './respond-to-match.js';

export const rematchSchema = createRunSchema;
export const rematchResultSchema = z.object({
  run: runSchema,
  relationshipsCreated: z.number().int(),
  /** Circles programmes: members proposed a place in a circle already formed. */
  membersJoined: z.number().int(),
  proposalsWithdrawn: z.number().int(),
  /** Circles programmes: places given up because the person has withdrawn from the programme. */
  placesReleased: z.number().int(),
});
export type RematchResult = z.infer<typeof rematchResultSchema>;

/** Proposals where one side has since withdrawn from the programme are withdrawn too. */
async function withdrawOrphanedProposals(tx: Tx, programmeId: string, leavers: string[]): Promise<number> {
  if (!leavers.length) return 0;
  const rows = await tx
    .update(relationships)
    .set({ status: 'withdrawn', version: sql`${relationships.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(relationships.programmeId, programmeId),
        eq(relationships.status, 'proposed'),
        sql`(${inArray(relationships.mentorId, leavers)} or ${inArray(relationships.menteeId, leavers)})`,
      ),
    )
    .returning({ id: relationships.id });
  return rows.length;
}

/**
 * Places in circles and trios still awaiting the answer of someone who has since withdrawn from
 * the programme are given up, as if declined: the place is offered to someone else, and a
 * proposed circle that can no longer start (its facilitator gone, or too few members left) does
 * not go ahead, and its other people are told.
 */
async function releaseOrphanedPlaces(tx: Tx, actor: Actor, programmeId: string, leavers: string[]) {
  if (!leavers.length) return 0;
  // Circles first, in id order, as an answer locks its circle before its place.
  const circles = await tx
    .select()
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, programmeId),
        inArray(relationships.status, ['proposed', 'active']),
        inArray(
          relationships.id,
          tx
            .select({ id: relationshipMembers.relationshipId })
            .from(relationshipMembers)
            .where(
              and(
                inArray(relationshipMembers.personId, leavers),
                eq(relationshipMembers.response, 'pending'),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(relationships.id))
    .for('update');
  if (!circles.length) return 0;
  const released = await tx
    .update(relationshipMembers)
    .set({ response: 'declined' })
    .where(
      and(
        inArray(
          relationshipMembers.relationshipId,
          circles.map((c) => c.id),
        ),
        inArray(relationshipMembers.personId, leavers),
        eq(relationshipMembers.response, 'pending'),
      ),
    )
    .returning({ relationshipId: relationshipMembers.relationshipId });
  const places = await tx
    .select()
    .from(relationshipMembers)
    .where(
      inArray(
        relationshipMembers.relationshipId,
        circles.map((c) => c.id),
      ),
    );
  for (const circle of circles) {
    const own = places.filter((p) => p.relationshipId === circle.id);
    const status = circleStatusFrom(circle, own);
    if (status === circle.status) continue;
    await tx
      .update(relationships)
      .set({ status, version: circle.version + 1, updatedAt: new Date() })
      .where(eq(relationships.id, circle.id));
    await writeAudit(tx, actor, actor.orgId, {
      action: status === 'active' ? 'relationship.accepted' : 'relationship.declined',
      entityType: 'relationship',
      entityId: circle.id,
      details: { status, reason: 'withdrawn_from_programme' },
    });
    const others = own.filter((p) => p.response !== 'declined').map((p) => p.personId);
    await tellCircleOutcome(tx, circle, status, others);
  }
  return released.length;
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
    const leavers = await tx
      .select({ personId: enrolments.personId })
      .from(enrolments)
      .where(and(eq(enrolments.programmeId, programme.id), eq(enrolments.status, 'withdrawn')))
      .then((rows) => rows.map((r) => r.personId));
    const withdrawn = await withdrawOrphanedProposals(tx, programme.id, leavers);
    const released = await releaseOrphanedPlaces(tx, actor, programme.id, leavers);
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
        placesReleased: released,
      },
    });
    return {
      run: presentRun(published, result, false),
      relationshipsCreated: created.length,
      membersJoined: joined,
      proposalsWithdrawn: withdrawn,
      placesReleased: released,
    };
  });
}

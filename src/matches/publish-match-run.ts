// Publishing a run: the relationships are created and the invitations queued in one transaction.
import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import { matchRuns, programmes, relationships } from '../db/schema.js';
import { AppError, conflict, staleVersion } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import type { MatchedPair } from '../matching/index.js';
import { queueNotifications } from '../notifications/outbox.js';
import { assertTransition } from '../programmes/lifecycle.js';
import { lockProgramme } from '../programmes/programmes.js';
import { createGroupRelationships } from './group-runs.js';
import { liveStatuses } from './load-cohort.js';
import {
  cohortChanged,
  markRunPublished,
  presentRunSummary,
  readRunEntries,
  requireRun,
  runSummarySchema,
} from './match-runs.js';

export const publishRunSchema = z.object({ version: z.number().int().min(1).optional() }).strict();
export const publishResultSchema = z.object({
  run: runSummarySchema,
  relationshipsCreated: z.number().int(),
  invitationsQueued: z.number().int(),
});

type RunRow = typeof matchRuns.$inferSelect;
type ProgrammeRow = typeof programmes.$inferSelect;

function assertDraft(run: RunRow) {
  if (run.status === 'published') {
    throw new AppError(
      'conflict',
      'This run is already published; publishing it again would duplicate every relationship.',
      {
        fields: [{ path: 'status', message: 'is published' }],
      },
    );
  }
  if (run.status !== 'draft')
    throw conflict(`This run was ${run.status}; run matching again to publish.`, [
      { path: 'status', message: `is ${run.status}` },
    ]);
}

async function assertNotStale(tx: Tx, programme: ProgrammeRow, run: RunRow) {
  const expected = run.mode === 'full' ? 'matching' : 'active';
  if (programme.status !== expected) {
    throw new AppError(
      'conflict',
      `This run was made while the programme was ${expected}; it is ${programme.status} now. Run matching again.`,
      {
        fields: [{ path: 'programme.status', message: `is ${programme.status}` }],
      },
    );
  }
  if (await cohortChanged(tx, programme, run)) {
    throw new AppError(
      'conflict',
      'The cohort changed since this run was made (enrolments, people, locked or forbidden pairs, rankings or relationships); run matching again before publishing.',
      {
        fields: [{ path: 'cohort', message: 'changed since the run' }],
      },
    );
  }
}

/** Creates the proposed relationships of a run's pairs and queues both invitations of each. */
export async function createRelationshipsFromPairs(
  tx: Tx,
  programme: ProgrammeRow,
  runId: string,
  pairs: MatchedPair[],
) {
  if (!pairs.length) return [];
  // Guard against a pair whose mentee was matched in the meantime (belt and braces; the fingerprint covers it).
  const menteeIds = pairs.map((p) => p.menteeId);
  const taken = await tx
    .select({ menteeId: relationships.menteeId })
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, programme.id),
        inArray(relationships.menteeId, menteeIds),
        inArray(relationships.status, [...liveStatuses]),
      ),
    );
  if (taken.length)
    throw conflict('Someone in this run already has a live match in the programme; run matching again.');
  const created: (typeof relationships.$inferSelect)[] = [];
  for (let i = 0; i < pairs.length; i += 500) {
    const rows = await tx
      .insert(relationships)
      .values(
        pairs.slice(i, i + 500).map((p) => ({
          orgId: programme.orgId,
          programmeId: programme.id,
          matchRunId: runId,
          mentorId: p.mentorId,
          menteeId: p.menteeId,
          status: 'proposed' as const,
          score: { score: p.score, components: p.components, reasons: p.reasons },
        })),
      )
      .returning();
    created.push(...rows);
  }
  const byId = new Map(pairs.map((p) => [`${p.mentorId}:${p.menteeId}`, p]));
  await queueNotifications(
    tx,
    programme.orgId,
    created.flatMap((r) => {
      const p = byId.get(`${r.mentorId}:${r.menteeId}`);
      const reasons = p?.reasons ?? [];
      return [
        {
          kind: 'match.proposed' as const,
          recipientId: r.mentorId,
          data: {
            relationshipId: r.id,
            programmeName: programme.name,
            partnerName: p?.menteeName ?? 'a colleague',
            role: 'mentor' as const,
            reasons,
          },
          dedupeKey: `match.proposed:${r.id}:${r.mentorId}`,
        },
        {
          kind: 'match.proposed' as const,
          recipientId: r.menteeId as string,
          data: {
            relationshipId: r.id,
            programmeName: programme.name,
            partnerName: p?.mentorName ?? 'a colleague',
            role: 'mentee' as const,
            reasons,
          },
          dedupeKey: `match.proposed:${r.id}:${r.menteeId}`,
        },
      ];
    }),
  );
  return created;
}

/**
 * Publishes a draft run: load it, assert it is a draft and not stale, authorise,
 * create the relationships, queue the invitations, mark the run published (and
 * the programme active after a full run), all in one transaction.
 */
export async function publishMatchRun(
  db: Db,
  actor: Actor,
  runId: string,
  input: z.infer<typeof publishRunSchema> = {},
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const run = await requireRun(tx, actor, runId, { forUpdate: true });
    if (input.version !== undefined && input.version !== run.version) throw staleVersion('This run');
    assertDraft(run);
    // Locking the programme row serialises publishing within a programme.
    const programme = await lockProgramme(tx, actor, run.programmeId);
    await assertNotStale(tx, programme, run);

    const { created, invitations } =
      run.format === 'one_to_one'
        ? await createRelationshipsFromPairs(
            tx,
            programme,
            run.id,
            (await readRunEntries(tx, run)).pairs,
          ).then((rows) => ({ created: rows, invitations: rows.length * 2 }))
        : await createGroupRelationships(tx, programme, run);
    const published = await markRunPublished(tx, actor, run);
    // Other drafts of the programme were made from a cohort that no longer exists.
    await tx
      .update(matchRuns)
      .set({ status: 'discarded' })
      .where(
        and(eq(matchRuns.programmeId, programme.id), eq(matchRuns.status, 'draft'), ne(matchRuns.id, run.id)),
      );
    if (run.mode === 'full') {
      assertTransition('matching', 'active');
      await tx
        .update(programmes)
        .set({ status: 'active', version: programme.version + 1, updatedAt: new Date() })
        .where(eq(programmes.id, programme.id));
      await writeAudit(tx, actor, actor.orgId, {
        action: 'programme.transitioned',
        entityType: 'programme',
        entityId: programme.id,
        details: { from: 'matching', to: 'active', by: 'match_run.published' },
      });
    }
    await writeAudit(tx, actor, actor.orgId, {
      action: run.mode === 'full' ? 'match_run.published' : 'match_run.rematch_published',
      entityType: 'match_run',
      entityId: run.id,
      details: {
        programmeId: programme.id,
        relationships: created.length,
        unmatched: run.unmatchedCount,
      },
    });
    return {
      run: presentRunSummary(published),
      relationshipsCreated: created.length,
      invitationsQueued: invitations,
    };
  });
}

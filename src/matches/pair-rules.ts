// Locked and forbidden pairs: a manager's hard rules for the next runs of a programme.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { enrolments, matchPairRules, people } from '../db/schema.js';
import { AppError, notFound, validationFailed } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { requireProgramme } from '../programmes/programmes.js';

export const pairRuleKinds = ['locked', 'forbidden'] as const;
export type PairRuleKind = (typeof pairRuleKinds)[number];

export const pairRuleSchema = z
  .object({
    mentorId: z.string().uuid('must be a person id'),
    menteeId: z.string().uuid('must be a person id'),
    kind: z.enum(pairRuleKinds),
  })
  .strict()
  .refine((r) => r.mentorId !== r.menteeId, {
    message: 'must be a different person from mentorId',
    path: ['menteeId'],
  });

export const pairRuleResponseSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  mentorId: z.string(),
  mentorName: z.string().nullable(),
  menteeId: z.string(),
  menteeName: z.string().nullable(),
  kind: z.enum(pairRuleKinds),
  createdAt: z.string(),
});
export type PairRuleResponse = z.infer<typeof pairRuleResponseSchema>;

type RuleRow = typeof matchPairRules.$inferSelect;
const present = (r: RuleRow, names?: Map<string, string>): PairRuleResponse => ({
  id: r.id,
  programmeId: r.programmeId,
  mentorId: r.mentorId,
  mentorName: names?.get(r.mentorId) ?? null,
  menteeId: r.menteeId,
  menteeName: names?.get(r.menteeId) ?? null,
  kind: r.kind,
  createdAt: r.createdAt.toISOString(),
});

const ruleStages = ['enrolling', 'matching', 'active'];

/** Locks or forbids a pair (replacing an earlier rule for the same pair). */
export async function setPairRule(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: z.infer<typeof pairRuleSchema>,
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const programme = await requireProgramme(tx, actor, programmeId);
    if (!ruleStages.includes(programme.status)) {
      throw new AppError(
        'conflict',
        `Pairs can be locked or forbidden while a programme is enrolling, matching or active (it is ${programme.status}).`,
      );
    }
    const enrolled = await tx
      .select({ personId: enrolments.personId, role: enrolments.role })
      .from(enrolments)
      .where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.status, 'active')));
    const roleOf = new Map(enrolled.map((e) => [e.personId, e.role]));
    const problems: { path: string; message: string }[] = [];
    const mentorRole = roleOf.get(input.mentorId);
    const menteeRole = roleOf.get(input.menteeId);
    if (!mentorRole || mentorRole === 'mentee')
      problems.push({ path: 'mentorId', message: 'is not enrolled as a mentor in this programme' });
    if (!menteeRole || menteeRole === 'mentor')
      problems.push({ path: 'menteeId', message: 'is not enrolled as a mentee in this programme' });
    if (problems.length) throw validationFailed('This pair cannot be locked or forbidden.', problems);
    if (input.kind === 'locked') {
      const [other] = await tx
        .select()
        .from(matchPairRules)
        .where(
          and(
            eq(matchPairRules.programmeId, programmeId),
            eq(matchPairRules.menteeId, input.menteeId),
            eq(matchPairRules.kind, 'locked'),
          ),
        );
      if (other && other.mentorId !== input.mentorId) {
        throw new AppError(
          'conflict',
          'This mentee is already locked to another mentor; remove that lock first.',
          {
            fields: [{ path: 'menteeId', message: 'is locked to another mentor' }],
          },
        );
      }
    }
    const [row] = await tx
      .insert(matchPairRules)
      .values({
        orgId: actor.orgId,
        programmeId,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        kind: input.kind,
        createdBy: actor.accountId === 'cli' ? null : actor.accountId,
      })
      .onConflictDoUpdate({
        target: [matchPairRules.programmeId, matchPairRules.mentorId, matchPairRules.menteeId],
        set: { kind: input.kind, createdAt: new Date() },
      })
      .returning();
    await writeAudit(tx, actor, actor.orgId, {
      action: input.kind === 'locked' ? 'match.pair_locked' : 'match.pair_forbidden',
      entityType: 'programme',
      entityId: programmeId,
      details: { mentorId: input.mentorId, menteeId: input.menteeId },
    });
    return present(row as RuleRow);
  });
}

export async function listPairRules(db: Db, actor: Actor, programmeId: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await requireProgramme(db, actor, programmeId);
  const rows = await db
    .select()
    .from(matchPairRules)
    .where(and(eq(matchPairRules.programmeId, programmeId), eq(matchPairRules.orgId, actor.orgId)))
    .orderBy(asc(matchPairRules.createdAt));
  const names = new Map(
    (
      await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.orgId, actor.orgId))
    ).map((p) => [p.id, p.name]),
  );
  return rows.map((r) => present(r, names));
}

export async function deletePairRule(db: Db, actor: Actor, programmeId: string, ruleId: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await db.transaction(async (tx) => {
    await requireProgramme(tx, actor, programmeId);
    const [row] = await tx
      .delete(matchPairRules)
      .where(
        and(
          eq(matchPairRules.id, ruleId),
          eq(matchPairRules.programmeId, programmeId),
          eq(matchPairRules.orgId, actor.orgId),
        ),
      )
      .returning();
    if (!row) throw notFound('Pair rule');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match.pair_rule_removed',
      entityType: 'programme',
      entityId: programmeId,
      details: { mentorId: row.mentorId, menteeId: row.menteeId, kind: row.kind },
    });
  });
}

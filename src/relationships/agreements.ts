// The mentoring agreement: goals (both directions in mutual programmes), cadence,
// channel, duration and a confidentiality charter both people sign. In reverse
// programmes the charter carries a no-retaliation pledge by the senior side and
// names a confidential contact for the junior mentor.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { agreements, people, programmes, relationshipMembers } from '../db/schema.js';
import { AppError, conflict, fieldError, notFound, validationFailed } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { cadences } from '../programmes/programmes.js';
import {
  assertStatus,
  assertVersion,
  type Member,
  membersOf,
  peopleById,
  type RelationshipRow,
  requireParty,
  roleSchema,
  sideSchema,
} from './access.js';

const goalSchema = z.object({
  /** Who learns: the mentee, or (in mutual programmes) the mentor too. */
  learner: z.enum(['mentee', 'mentor']).default('mentee'),
  text: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
});

export const channels = ['in_person', 'video', 'phone', 'mixed'] as const;
export type Channel = (typeof channels)[number];
export type AgreementGoal = z.infer<typeof goalSchema>;

export const agreementSchema = z
  .object({
    goals: z.array(goalSchema).max(20, 'at most 20 goals'),
    cadence: z.enum(cadences),
    channel: z.enum(channels),
    durationMonths: z.number().int().min(1, 'must be at least 1 month').max(36, 'must be at most 36 months'),
    meetingMinutes: z
      .number()
      .int()
      .min(15, 'must be at least 15')
      .max(240, 'must be at most 240')
      .default(60),
    /** Reverse programmes: a person the junior mentor can turn to in confidence (not either of the two). */
    confidentialContactId: z.string().uuid('must be a person id').nullable().optional(),
    /** Required when changing an existing agreement. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type AgreementInput = z.infer<typeof agreementSchema>;

export const signSchema = z
  .object({ version: z.number().int().min(1, 'must be the version you read') })
  .strict();

const baseCharter = [
  'What we say in our conversations stays between us unless we both agree to share it.',
  'Private notes are private: neither of us, nor managers, admins or sponsors, can read the other’s private notes.',
  'We speak openly, listen first, and give each other honest, kind feedback.',
  'Either of us may pause or close the relationship at any time, without giving reasons.',
];
export const noRetaliationPledge =
  'As the senior partner, I will never use anything said in these conversations against my mentor: not in their reviews, their pay, their promotion or their work.';

export function charterFor(kind: string): { charter: string; pledge: string | null } {
  const lines = [...baseCharter];
  if (kind === 'reverse')
    lines.push(
      'The senior partner (the mentee) makes the no-retaliation pledge below; the junior mentor has a named confidential contact.',
    );
  if (kind === 'mutual') lines.push('Each of us teaches and learns; we give both directions equal time.');
  return {
    charter: lines.map((l, i) => `${i + 1}. ${l}`).join('\n'),
    pledge: kind === 'reverse' ? noRetaliationPledge : null,
  };
}

export const agreementResponseSchema = z.object({
  relationshipId: z.string(),
  goals: z.array(z.object({ learner: sideSchema, text: z.string() })),
  cadence: z.enum(cadences),
  channel: z.enum(channels),
  durationMonths: z.number().int(),
  meetingMinutes: z.number().int(),
  charter: z.string(),
  noRetaliationPledge: z.string().nullable(),
  confidentialContact: z.object({ id: z.string(), name: z.string() }).nullable(),
  mentorSignedAt: z.string().nullable(),
  menteeSignedAt: z.string().nullable(),
  /** Everyone taking part (a pair's two sides, a circle's members) and when they signed this version. */
  signatures: z.array(z.object({ personId: z.string(), role: roleSchema, signedAt: z.string().nullable() })),
  /** Everyone has signed this version. */
  agreed: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AgreementResponse = z.infer<typeof agreementResponseSchema>;

type AgreementRow = typeof agreements.$inferSelect;

/**
 * The agreement and who has signed it: a pair's two sides, or everyone taking part in a
 * circle; it is agreed once all of them have signed the current version.
 */
function presentAgreement(
  a: AgreementRow,
  contact: { id: string; name: string } | null,
  members: Member[],
): AgreementResponse {
  const signatures = members.map((m) => ({
    personId: m.personId,
    role: m.role,
    signedAt:
      (m.role === 'mentor'
        ? a.mentorSignedAt
        : m.role === 'mentee'
          ? a.menteeSignedAt
          : m.signedAt
      )?.toISOString() ?? null,
  }));
  return {
    relationshipId: a.relationshipId,
    goals: a.goals,
    cadence: a.cadence,
    channel: a.channel,
    durationMonths: a.durationMonths,
    meetingMinutes: a.meetingMinutes,
    charter: a.charter,
    noRetaliationPledge: a.noRetaliationPledge,
    confidentialContact: contact,
    mentorSignedAt: a.mentorSignedAt?.toISOString() ?? null,
    menteeSignedAt: a.menteeSignedAt?.toISOString() ?? null,
    signatures,
    agreed: signatures.length > 0 && signatures.every((s) => s.signedAt !== null),
    version: a.version,
    updatedAt: a.updatedAt.toISOString(),
  };
}

async function present(db: Queryable, rel: RelationshipRow, a: AgreementRow) {
  const contact = a.confidentialContactId
    ? (await peopleById(db, rel.orgId, [a.confidentialContactId])).get(a.confidentialContactId)
    : undefined;
  // A circle's agreement is signed by those who have taken their place; pending members sign once they join.
  const members = (await membersOf(db, rel)).filter(
    (m) => rel.format !== 'circle' || m.response === 'accepted',
  );
  return presentAgreement(a, contact ? { id: contact.id, name: contact.name } : null, members);
}

async function programmeKindOf(db: Queryable, rel: RelationshipRow): Promise<string> {
  const [p] = await db
    .select({ kind: programmes.kind })
    .from(programmes)
    .where(eq(programmes.id, rel.programmeId));
  return p?.kind ?? 'conventional';
}

function assertGoals(kind: string, goals: AgreementInput['goals']) {
  if (goals.length === 0) throw fieldError('goals', 'an agreement needs at least one goal');
  if (kind === 'mutual') {
    const problems: { path: string; message: string }[] = [];
    if (!goals.some((g) => g.learner === 'mentee'))
      problems.push({ path: 'goals', message: 'a mutual agreement needs a goal for what the mentee learns' });
    if (!goals.some((g) => g.learner === 'mentor'))
      problems.push({ path: 'goals', message: 'a mutual agreement needs a goal for what the mentor learns' });
    if (problems.length)
      throw validationFailed('A two-way agreement has goals in both directions.', problems);
  } else {
    const i = goals.findIndex((g) => g.learner === 'mentor');
    if (i !== -1) throw fieldError(`goals.${i}.learner`, 'only mutual programmes have goals for the mentor');
  }
}

/** Drafts or changes the agreement; any change clears both signatures. */
export async function saveAgreement(db: Db, actor: Actor, relationshipId: string, input: AgreementInput) {
  return db.transaction(async (tx) => {
    const { rel, people: inIt } = await requireParty(tx, actor, relationshipId, { forUpdate: true });
    assertStatus(rel, ['active', 'paused'], 'agree an agreement');
    const kind = await programmeKindOf(tx, rel);
    assertGoals(kind, input.goals);
    let contactId: string | null = null;
    if (kind === 'reverse') {
      if (!input.confidentialContactId)
        throw fieldError(
          'confidentialContactId',
          'a reverse mentoring agreement names a confidential contact for the junior mentor',
        );
      if (inIt.includes(input.confidentialContactId)) {
        throw fieldError('confidentialContactId', 'must be someone other than the two of you');
      }
      const [contact] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, input.confidentialContactId), eq(people.orgId, rel.orgId)));
      if (!contact) throw fieldError('confidentialContactId', 'no such person in this organisation');
      contactId = contact.id;
    } else if (input.confidentialContactId) {
      contactId = input.confidentialContactId;
      const [contact] = await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, contactId), eq(people.orgId, rel.orgId)));
      if (!contact) throw fieldError('confidentialContactId', 'no such person in this organisation');
    }
    const { charter, pledge } = charterFor(kind);
    const values = {
      goals: input.goals,
      cadence: input.cadence,
      channel: input.channel,
      durationMonths: input.durationMonths,
      meetingMinutes: input.meetingMinutes,
      charter,
      noRetaliationPledge: pledge,
      confidentialContactId: contactId,
      mentorSignedAt: null,
      menteeSignedAt: null,
      updatedAt: new Date(),
    };
    const [current] = await tx
      .select()
      .from(agreements)
      .where(eq(agreements.relationshipId, rel.id))
      .for('update');
    let row: AgreementRow | undefined;
    if (current) {
      if (input.version === undefined)
        throw fieldError('version', 'is required to change an existing agreement');
      assertVersion(current.version, input.version, 'This agreement');
      [row] = await tx
        .update(agreements)
        .set({ ...values, version: current.version + 1 })
        .where(and(eq(agreements.relationshipId, rel.id), eq(agreements.version, current.version)))
        .returning();
    } else {
      [row] = await tx
        .insert(agreements)
        .values({ ...values, relationshipId: rel.id, orgId: rel.orgId })
        .returning();
    }
    if (!row)
      throw conflict('Someone else changed this agreement at the same moment; reload it and try again.');
    // A circle's signatures are its members': a changed agreement is signed again by all.
    await tx
      .update(relationshipMembers)
      .set({ signedAt: null })
      .where(eq(relationshipMembers.relationshipId, rel.id));
    await writeAudit(tx, actor, actor.orgId, {
      action: current ? 'agreement.changed' : 'agreement.drafted',
      entityType: 'relationship',
      entityId: rel.id,
    });
    return present(tx, rel, row);
  });
}

export async function getAgreement(db: Db, actor: Actor, relationshipId: string) {
  const { rel } = await requireParty(db, actor, relationshipId);
  const [row] = await db.select().from(agreements).where(eq(agreements.relationshipId, rel.id));
  if (!row) throw notFound('Agreement');
  return present(db, rel, row);
}

/** Signs the version of the agreement the person read, charter and (in reverse programmes) pledge included. */
export async function signAgreement(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof signSchema>,
) {
  return db.transaction(async (tx) => {
    const { rel, side, members } = await requireParty(tx, actor, relationshipId, { forUpdate: true });
    assertStatus(rel, ['active', 'paused'], 'sign the agreement');
    const [current] = await tx
      .select()
      .from(agreements)
      .where(eq(agreements.relationshipId, rel.id))
      .for('update');
    if (!current) throw notFound('Agreement');
    assertVersion(current.version, input.version, 'This agreement');
    const me = actor.personId as string;
    let row: AgreementRow | undefined = current;
    if (rel.format === 'circle') {
      if (members.find((m) => m.personId === me)?.signedAt)
        throw conflict('You have already signed this agreement.');
      await tx
        .update(relationshipMembers)
        .set({ signedAt: new Date() })
        .where(and(eq(relationshipMembers.relationshipId, rel.id), eq(relationshipMembers.personId, me)));
    } else {
      const field = side === 'mentor' ? 'mentorSignedAt' : 'menteeSignedAt';
      if (current[field]) throw conflict('You have already signed this agreement.');
      [row] = await tx
        .update(agreements)
        .set({ [field]: new Date() })
        .where(eq(agreements.relationshipId, rel.id))
        .returning();
    }
    await writeAudit(tx, actor, actor.orgId, {
      action: 'agreement.signed',
      entityType: 'relationship',
      entityId: rel.id,
      details: { side },
    });
    return present(tx, rel, row as AgreementRow);
  });
}

/** Throws unless everyone taking part has signed the current agreement. */
export async function assertAgreed(db: Queryable, rel: RelationshipRow): Promise<AgreementRow> {
  const [a] = await db.select().from(agreements).where(eq(agreements.relationshipId, rel.id));
  const agreed = a ? (await present(db, rel, a)).agreed : false;
  if (!a || !agreed) {
    throw new AppError('conflict', 'Agree and all sign the mentoring agreement before the first meeting.', {
      fields: [{ path: 'agreement', message: a ? 'is not signed by all of you' : 'does not exist yet' }],
    });
  }
  return a;
}

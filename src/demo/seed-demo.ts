// Writes a generated demo organisation into the database in one transaction.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  accounts,
  agreements,
  appMeta,
  closureReflections,
  enrolments,
  learningEntries,
  meetingFeedback,
  meetings,
  notifications,
  organisations,
  people,
  programmes,
  programmeTopics,
  promotions,
  relationships,
  skillAssessments,
  topics,
} from '../db/schema.js';
import { conflict } from '../errors.js';
import { writeAudit } from '../identity/audit.js';
import { hashPassword } from '../identity/passwords.js';
import { todayUtc } from '../identity/standing.js';
import { type DemoOptions, type DemoOrganisation, demoPassword, generateDemo } from './generate.js';
import { addDemoHistory, historyRelationships } from './history.js';
import { pilotActivity } from './outcomes.js';
import { demoStory } from './story.js';

export interface SeedOptions extends DemoOptions {
  /** The moment the demo's active programme is three months into (default now). */
  now?: Date;
  /** Replace an existing organisation with the same slug. */
  replace?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const batchSize = 1000;

async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>, tick: (n: number) => void) {
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    await write(batch);
    tick(batch.length);
  }
}

export async function seedDemo(
  db: Db,
  options: SeedOptions,
): Promise<{ orgId: string; demo: DemoOrganisation }> {
  // The demo's dates count from the day of `now`, so the story is as fresh whenever it is seeded.
  const demo = generateDemo({ ...options, today: options.today ?? todayUtc(options.now) });
  const history = addDemoHistory(demo, options);
  const total =
    demo.people.length +
    demo.enrolments.length +
    demo.topics.length +
    demo.programmes.length +
    1 +
    history.pairs.length;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const passwordHash = await hashPassword(demoPassword);
  const orgId = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, demo.slug));
    if (existing) {
      if (!options.replace)
        throw conflict(`An organisation "${demo.slug}" exists already; use --replace to rebuild it.`);
      await tx.delete(organisations).where(eq(organisations.id, existing.id));
    }
    const [org] = await tx.insert(organisations).values({ name: demo.name, slug: demo.slug }).returning();
    if (!org) throw new Error('insert returned nothing');
    const story = demoStory(demo, options, org.id);
    // People come out of the generator managers-first, so each batch's managers already exist.
    await inBatches(
      demo.people,
      (batch) => tx.insert(people).values(batch.map((p) => ({ ...p, orgId: org.id }))),
      tick,
    );
    await tx
      .insert(topics)
      .values(demo.topics.map((t) => ({ id: t.id, orgId: org.id, name: t.name, category: t.category })));
    tick(demo.topics.length);
    for (const p of [...demo.programmes, history.programme, story.programme]) {
      const { topicIds, ...fields } = p;
      await tx.insert(programmes).values({
        status: 'enrolling',
        ...fields,
        orgId: org.id,
        matchingSettings: {},
      });
      await tx
        .insert(programmeTopics)
        .values(topicIds.map((topicId) => ({ programmeId: p.id, topicId, orgId: org.id })));
      tick(1);
    }
    const consentAt = new Date();
    await inBatches(
      demo.enrolments,
      (batch) => tx.insert(enrolments).values(batch.map((e) => ({ ...e, orgId: org.id, consentAt }))),
      tick,
    );
    const topicById = new Map(demo.topics.map((t) => [t.id, t]));
    const pilotTopics = history.programme.topicIds.flatMap((id) => topicById.get(id) ?? []);
    const activity = pilotActivity(demo.people, history.pairs, {
      seed: options.seed,
      orgId: org.id,
      programmeId: history.programme.id,
      start: history.programme.cohortStart,
      end: history.programme.cohortEnd,
      digitalTopics: pilotTopics.filter((t) => t.category === 'digital_and_technology'),
      otherTopics: pilotTopics.filter((t) => t.category !== 'digital_and_technology'),
    });
    const closed = historyRelationships(history, org.id);
    await inBatches(
      closed.map((r, i) => ({ ...r, id: activity.relationships[i]?.id })),
      (batch) => tx.insert(relationships).values(batch),
      tick,
    );
    // The pilot's past: what its reports are made of.
    for (const [table, rows] of [
      [enrolments, activity.enrolments],
      [meetings, activity.meetings],
      [meetingFeedback, activity.feedback],
      [learningEntries, activity.learning],
      [skillAssessments, activity.assessments],
      [promotions, history.promotions.map((p) => ({ ...p, orgId: org.id, source: 'history' as const }))],
    ] as const)
      await inBatches(
        rows as never[],
        (batch) => tx.insert(table).values(batch),
        () => {},
      );
    // The active programme's three months: relationships, agreements, meetings, feedback, learning.
    const r = story.rows;
    const none = () => undefined;
    await inBatches(r.relationships, (b) => tx.insert(relationships).values(b), none);
    await inBatches(r.agreements, (b) => tx.insert(agreements).values(b), none);
    await inBatches(r.meetings, (b) => tx.insert(meetings).values(b), none);
    await inBatches(r.feedback, (b) => tx.insert(meetingFeedback).values(b), none);
    await inBatches(r.learning, (b) => tx.insert(learningEntries).values(b), none);
    await inBatches(r.reflections, (b) => tx.insert(closureReflections).values(b), none);
    await inBatches(r.enrolments, (b) => tx.insert(enrolments).values(b), none);
    await inBatches(r.skillAssessments, (b) => tx.insert(skillAssessments).values(b), none);
    await inBatches(r.notifications, (b) => tx.insert(notifications).values(b), none);
    await tx.insert(accounts).values(
      demo.accounts.map((a) => ({
        orgId: org.id,
        personId: a.personId,
        email: a.email,
        passwordHash,
        roles: a.roles,
        // The demo's addresses are made up; its accounts are ready to try.
        emailVerifiedAt: new Date(),
      })),
    );
    await tx
      .insert(appMeta)
      .values({ key: 'demo', value: { slug: demo.slug, seed: options.seed, people: demo.people.length } })
      .onConflictDoUpdate({
        target: appMeta.key,
        set: { value: { slug: demo.slug, seed: options.seed, people: demo.people.length } },
      });
    await writeAudit(tx, null, org.id, {
      action: 'demo.seeded',
      entityType: 'organisation',
      entityId: org.id,
      details: { seed: options.seed, people: demo.people.length },
    });
    return org.id;
  });
  // Fresh statistics, so the planner uses the indexes on a bulk-loaded table at once, and a vacuum,
  // so that index-only reads skip the rows at once (a page of a search: PGlite has no autovacuum,
  // 20 ms a page at 20,000 people before, 2 ms after) and the search's trigram index takes in its
  // pending entries. On PostgreSQL autovacuum would otherwise visit these tables in the first
  // minutes, beside the first reads.
  await db.execute(sql`vacuum (analyze) people, people_search, enrolments`);
  return { orgId, demo };
}

/** Seeds the demo organisation once, on the first start of an empty database. */
export async function seedDemoOnFirstRun(db: Db, options: SeedOptions): Promise<boolean> {
  const [marker] = await db.select().from(appMeta).where(eq(appMeta.key, 'demo'));
  const [anyOrg] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  if (marker || anyOrg) return false;
  await seedDemo(db, options);
  return true;
}

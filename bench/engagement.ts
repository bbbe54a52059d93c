// Engagement benchmark: npm run bench -- engagement [--relationships N] [--meetings-per M].
// Fills a throwaway PostgreSQL server with one organisation of N relationships (default
// 50,000) and M meetings for each answered pair (default 21: 1,029,000 meetings), then times finding what is due
// (every finder of the engagement sweep, one pass each) twice: with nothing recorded yet (the
// backlog a first sweep meets) and in steady state (a minute after a sweep recorded it all).
// The reference in the same run is one full read of the meetings table grouped by pair.
import { cpus, loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.js';
import { rowsOf } from '../src/db/rows.js';
import { organisations, programmes } from '../src/db/schema.js';
import type { SweepContext } from '../src/engagement/due.js';
import { finders, runEngagementSweep } from '../src/engagement/sweep.js';
import { flag, startPostgres } from './support.js';

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/** One organisation: 2 people per pair, an active fortnightly programme, pairs in every state, meetings over 40 weeks. */
export async function fill(database: Database, pairs: number, perPair: number, now: Date) {
  const { db } = database;
  const [org] = await db.insert(organisations).values({ name: 'Bench', slug: 'bench' }).returning();
  const orgId = org?.id as string;
  const [programme] = await db
    .insert(programmes)
    .values({
      orgId,
      name: 'Reverse',
      kind: 'reverse',
      cohortStart: '2026-01-01',
      cohortEnd: '2027-12-31',
      meetingCadence: 'fortnightly',
      status: 'active',
    })
    .returning();
  const programmeId = programme?.id as string;
  const at = now.toISOString();
  await db.execute(sql`
    insert into people (org_id, name, email, job_level, time_zone)
    select ${orgId}, 'Person ' || g, 'p' || g || '@bench.example', 1 + g % 10,
           (array['Europe/London', 'America/Toronto', 'Asia/Tokyo', 'UTC'])[1 + g % 4]
    from generate_series(1, ${pairs * 2 + 5}::int) g`);
  // Five programme managers (the last five people) get the digest.
  await db.execute(sql`
    insert into accounts (org_id, person_id, email, roles)
    select org_id, id, email, array['programme_manager'] from people
    where org_id = ${orgId} and email in (select 'p' || g || '@bench.example' from generate_series(${pairs * 2 + 1}::int, ${pairs * 2 + 5}::int) g)`);
  // Every 50th pair still proposed (a tenth of a day to 10 days ago), every 97th paused, the rest active,
  // accepted 1 to 200 days ago.
  await db.execute(sql`
    with p as (select id, row_number() over (order by email) as rn from people where org_id = ${orgId})
    insert into relationships (org_id, programme_id, mentor_id, mentee_id, status, mentor_response, mentee_response, accepted_at, created_at)
    select ${orgId}, ${programmeId}, a.id, b.id,
           case when k % 50 = 0 then 'proposed' when k % 97 = 0 then 'paused' else 'active' end,
           case when k % 50 = 0 then 'pending' else 'accepted' end,
           case when k % 50 = 0 and k % 100 <> 0 then 'pending' else 'accepted' end,
           case when k % 50 = 0 then null else ${at}::timestamptz - interval '1 hour' * (24 + k % 4776) end,
           case when k % 50 = 0 then ${at}::timestamptz - interval '1 hour' * (k % 240) else ${at}::timestamptz - interval '1 hour' * (72 + k % 4776) end
    from (select a.id, b.id as partner, (a.rn + 1) / 2 as k from p a join p b on b.rn = a.rn + 1 where a.rn % 2 = 1 and a.rn <= ${pairs * 2}) x
    join people a on a.id = x.id join people b on b.id = x.partner`);
  await db.execute(sql`
    insert into agreements (relationship_id, org_id, goals, cadence, channel, duration_months, charter)
    select id, org_id, '[]'::jsonb, (array['weekly', 'fortnightly', 'monthly'])[1 + abs(hashtext(id::text)) % 3], 'video', 6, 'bench'
    from relationships where org_id = ${orgId} and status <> 'proposed' and abs(hashtext(id::text)) % 5 <> 0`);
  // Per pair: one meeting ahead (some within the next day), one a few days past left unrecorded
  // (one pair in ten), the rest a fortnight apart going back, every 7th cancelled; one pair in 13 has
  // stopped meeting two months ago (quiet).
  await db.execute(sql`
    insert into meetings (org_id, relationship_id, starts_at, duration_minutes, ends_at, status, agenda)
    select r.org_id, r.id, s.starts_at, 60, s.starts_at + interval '60 minutes',
           case when s.k = 0 and r.n % 13 = 0 then 'cancelled'
                when s.k = 0 then 'scheduled'
                when s.k = 1 and r.n % 10 = 0 then 'scheduled'
                when s.k % 7 = 3 then 'cancelled'
                else 'held' end,
           '{}'::jsonb
    from (select id, org_id, row_number() over (order by id) as n from relationships where org_id = ${orgId} and status <> 'proposed') r
    cross join lateral (
      select k, case when k = 0 then ${at}::timestamptz + interval '1 hour' * (1 + r.n % (case when r.n % 15 = 0 then 25 else 400 end))
                     else ${at}::timestamptz - interval '1 day' * (k * 14 - 10 + case when r.n % 13 = 0 then 60 else 0 end) - interval '1 hour' * (r.n % 24)
                end as starts_at
      from generate_series(0, ${perPair - 1}::int) k) s`);
  await db.execute(sql`analyze`);
  const [counts] = rowsOf<{ relationships: number; meetings: number }>(
    await db.execute(sql`
      select (select count(*) from relationships where org_id = ${orgId})::int as relationships,
             (select count(*) from meetings where org_id = ${orgId})::int as meetings`),
  );
  return { orgId, counts };
}

async function findAll(database: Database, ctx: SweepContext) {
  const rows: { finder: string; found: number; ms: number }[] = [];
  for (const [name, find] of Object.entries(finders)) {
    const [found, ms] = await time(() => find(database.db, ctx));
    rows.push({ finder: name, found: found.items.length, ms });
  }
  return rows;
}

export async function runEngagementBenchmark(argv: string[]): Promise<void> {
  const pairs = flag(argv, 'relationships', 50_000);
  const perPair = flag(argv, 'meetings-per', 21);
  const postgres = await startPostgres();
  const database = await openDatabase({ kind: 'postgres', url: postgres.url, poolSize: 4 });
  try {
    await database.migrate();
    const now = new Date();
    const [{ counts }, fillMs] = await time(() => fill(database, pairs, perPair, now));
    process.stdout.write(
      `Finding what is due on PostgreSQL: ${counts?.relationships} relationships, ${counts?.meetings} meetings (filled in ${(fillMs / 1000).toFixed(1)} s)\n\n`,
    );
    const ctx: SweepContext = { now, limit: 500 };
    // Warm the caches for both paths, then measure.
    await findAll(database, ctx);
    const reference = async () =>
      rowsOf(
        await database.db.execute(sql`
          select relationship_id, max(starts_at) filter (where status = 'held') as last_held,
                 bool_or(status = 'scheduled' and starts_at > ${now.toISOString()}::timestamptz) as upcoming
          from meetings group by relationship_id`),
      ).length;
    await reference();
    const [, referenceMs] = await time(reference);
    const backlog = await findAll(database, ctx);
    const [sent, sweepMs] = await time(() => runEngagementSweep(database.db, { now, limit: 2000 }));
    const later = { ...ctx, now: new Date(now.getTime() + 60_000) };
    await findAll(database, later);
    const steady = await findAll(database, later);
    const total = (rows: { ms: number }[]) => rows.reduce((s, r) => s + r.ms, 0);
    process.stdout.write(
      '| finder | backlog: found (first 500) | backlog ms | steady: found | steady ms |\n',
    );
    process.stdout.write('|---|---:|---:|---:|---:|\n');
    for (const [i, b] of backlog.entries()) {
      const s = steady[i];
      process.stdout.write(
        `| ${b.finder} | ${b.found} | ${b.ms.toFixed(0)} | ${s?.found} | ${s?.ms.toFixed(0)} |\n`,
      );
    }
    const backlogMs = total(backlog);
    const steadyMs = total(steady);
    process.stdout.write(
      `| all finders | | ${backlogMs.toFixed(0)} | | ${steadyMs.toFixed(0)} |\n\n` +
        `Reference (one read of all ${counts?.meetings} meetings grouped by pair): ${referenceMs.toFixed(0)} ms.\n` +
        `Finding what is due: ${backlogMs.toFixed(0)} ms with a backlog (${(backlogMs / referenceMs).toFixed(2)}x the reference), ` +
        `${steadyMs.toFixed(0)} ms in steady state (${(steadyMs / referenceMs).toFixed(2)}x); target under 1000 ms.\n` +
        `The first whole sweep recorded and queued ${Object.values(sent).reduce((a, b) => a + b, 0)} items (${JSON.stringify(sent)}) in ${(sweepMs / 1000).toFixed(1)} s.\n` +
        `Load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores while measuring.\n`,
    );
  } finally {
    await database.close();
    postgres.stop();
  }
}

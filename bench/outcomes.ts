// Outcome reports benchmark: npm run bench -- outcomes [--people N] [--pglite].
// Fills a fresh database with N people whose leave dates carry a planted effect (hazard
// ratio 0.5, confounded by department, level, tenure and generation), then times the
// retention analysis both ways in the same run: rows grouped by matching cell in SQL (what
// the product does) against the reference of one row per person loaded into Node. Then adds
// N/4 relationships, 5N meetings with feedback, learning-log entries, self-assessments and
// promotions (200,000 people: 50,000 relationships, 1,000,000 meetings) and times every
// report as a sponsor reads it: the first read (which publishes the snapshots) and the next.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.js';
import { rowsOf } from '../src/db/rows.js';
import { organisations, people, programmes, relationships, topics } from '../src/db/schema.js';
import { plantRetentionEffect } from '../src/demo/outcomes.js';
import { systemActor } from '../src/identity/system-actor.js';
import { minimumPeople } from '../src/insights/disclosure.js';
import { loadRetentionData } from '../src/insights/outcome-data.js';
import { readPublished } from '../src/insights/published-figures.js';
import {
  learningReport,
  promotionsReport,
  qualityReport,
  qualitySource,
  retentionReport,
} from '../src/insights/reports.js';
import { skillsReport } from '../src/insights/skills-report.js';
import {
  analyseRetention,
  type PersonDates,
  retentionSubjects,
} from '../src/insights/statistics/retention.js';
import { record } from './findings.js';
import { flag, type PostgresServer, startPostgres } from './support.js';

const origin = '2024-01-01';
const asOf = '2026-01-01';

export async function fill(database: Database, count: number) {
  const { db } = database;
  const [org] = await db.insert(organisations).values({ name: 'Bench', slug: 'bench' }).returning();
  const orgId = org?.id as string;
  const planted = plantRetentionEffect({
    seed: 1,
    people: count,
    hazardRatio: 0.5,
    origin,
    analysisDate: asOf,
  });
  const ids: string[] = [];
  for (let start = 0; start < planted.length; start += 2000) {
    const batch = planted.slice(start, start + 2000).map((p, k) => ({
      orgId,
      name: `Person ${start + k}`,
      email: `p${start + k}@bench.example`,
      jobLevel: p.jobLevel,
      department: p.department,
      birthYear: p.birthYear,
      hireDate: p.hireDate,
      leaveDate: p.leaveDate,
    }));
    ids.push(...(await db.insert(people).values(batch).returning({ id: people.id })).map((r) => r.id));
  }
  const [programme] = await db
    .insert(programmes)
    .values({
      orgId,
      name: 'Reverse',
      kind: 'reverse',
      cohortStart: origin,
      cohortEnd: '2024-12-31',
      meetingCadence: 'monthly',
      status: 'active',
    })
    .returning();
  const takers = planted.flatMap((p, i) => (p.participant ? [ids[i] as string] : []));
  const pairs = [];
  for (let k = 0; k + 1 < takers.length; k += 2) {
    pairs.push({
      orgId,
      programmeId: programme?.id as string,
      mentorId: takers[k] as string,
      menteeId: takers[k + 1] as string,
      status: 'active' as const,
    });
  }
  for (let start = 0; start < pairs.length; start += 2000)
    await db.insert(relationships).values(pairs.slice(start, start + 2000));
  await db.execute(sql`analyze`);
  return { ref: { id: programme?.id as string, orgId, cohortStart: origin }, participants: takers.length };
}

/**
 * Relationships up to N/4 among the participants (each in several), twenty fortnightly
 * meetings each (most held), feedback from each side on about half the held meetings,
 * four learning-log entries each, enrolments with two sought topics, self-assessments at
 * enrolment and closing, and a first promotion for about one person in eight. Generated in
 * SQL with a fixed seed.
 */
async function fillActivity(database: Database, ref: { id: string; orgId: string }, count: number) {
  const { db } = database;
  const orgId = ref.orgId;
  const topicIds = (
    await db
      .insert(topics)
      .values(
        ['Generative AI', 'Social channels', 'Data literacy', 'Negotiation'].map((name, i) => ({
          orgId,
          name,
          category: i < 3 ? ('digital_and_technology' as const) : ('leadership' as const),
        })),
      )
      .returning({ id: topics.id })
  ).map((t) => t.id);
  await db.execute(sql`select setseed(0.42)`);
  const target = Math.floor(count / 4);
  await db.execute(sql`
    insert into relationships (org_id, programme_id, mentor_id, mentee_id, status)
    with takers as (
      select person_id, row_number() over (order by person_id) as i, count(*) over () as n
      from (select mentor_id as person_id from relationships where programme_id = ${ref.id}
            union select mentee_id from relationships where programme_id = ${ref.id}) x)
    select ${orgId}, ${ref.id}, a.person_id, b.person_id, 'active'
    from takers a cross join generate_series(1, 8) as s(k)
    join takers b on b.i = ((a.i + s.k * 7) % a.n) + 1
    where a.person_id <> b.person_id
    limit greatest(0, ${target} - (select count(*) from relationships where programme_id = ${ref.id}))`);
  await db.execute(sql`
    insert into enrolments (org_id, programme_id, person_id, role, seeks, consent_at)
    select ${orgId}, ${ref.id}, person_id, 'both',
           jsonb_build_array(jsonb_build_object('topicId', ${topicIds[0]}::text, 'priority', 1),
                             jsonb_build_object('topicId', ${topicIds[3]}::text, 'priority', 2)), now()
    from (select mentor_id as person_id from relationships where programme_id = ${ref.id}
          union select mentee_id from relationships where programme_id = ${ref.id}) x`);
  await db.execute(sql`
    insert into meetings (org_id, relationship_id, starts_at, duration_minutes, ends_at, status, agenda, held_at)
    select ${orgId}, r.id, ${origin}::timestamptz + (g * 14 || ' days')::interval, 45,
           ${origin}::timestamptz + (g * 14 || ' days')::interval + interval '45 minutes',
           case when random() < 0.88 then 'held' else 'cancelled' end,
           '{"template":"topics","title":"The topics themselves","items":[]}'::jsonb, null
    from relationships r cross join generate_series(1, 20) as g
    where r.programme_id = ${ref.id}`);
  await db.execute(sql`
    insert into meeting_feedback (org_id, programme_id, meeting_id, author_id, author_side, author_department,
                                  value, heard, talking, created_at)
    select ${orgId}, ${ref.id}, m.id, case when s.side = 'mentor' then r.mentor_id else r.mentee_id end, s.side, null,
           1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int,
           (array['me', 'balanced', 'balanced', 'other'])[1 + floor(random() * 4)::int], m.ends_at + interval '1 day'
    from meetings m join relationships r on r.id = m.relationship_id
    cross join (values ('mentor'), ('mentee')) as s(side)
    where r.programme_id = ${ref.id} and m.status = 'held' and random() < 0.5`);
  await db.execute(sql`
    insert into learning_entries (org_id, relationship_id, learner_id, topic_id, body, learned_on, created_at)
    select ${orgId}, r.id, case when g % 2 = 0 then r.mentor_id else r.mentee_id end,
           (${`{${topicIds.join(',')}}`}::uuid[])[1 + g % 4], 'What I learned', ${origin}::date + g * 30,
           ${origin}::timestamptz + (g * 30 || ' days')::interval
    from relationships r cross join generate_series(1, 4) as g
    where r.programme_id = ${ref.id}`);
  await db.execute(sql`
    insert into skill_assessments (org_id, programme_id, person_id, topic_id, phase, rating, created_at)
    select ${orgId}, ${ref.id}, e.person_id, t.id, ph.phase,
           least(5, 1 + floor(random() * 3)::int + case when ph.phase = 'closing' then floor(random() * 3)::int else 0 end),
           case when ph.phase = 'enrolment' then ${origin}::timestamptz else ${origin}::timestamptz + interval '300 days' end
    from enrolments e cross join unnest(${`{${topicIds[0]},${topicIds[3]}}`}::uuid[]) as t(id)
    cross join (values ('enrolment'), ('closing')) as ph(phase)
    where e.programme_id = ${ref.id}`);
  await db.execute(sql`
    insert into promotions (org_id, person_id, from_level, to_level, effective_on, source)
    select org_id, id, job_level, job_level + 1, ${origin}::date + floor(random() * 700)::int, 'history'
    from people where org_id = ${orgId} and job_level < 20 and random() < 0.125`);
  await db.execute(sql`analyze`);
  const counts = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select (select count(*) from relationships where programme_id = ${ref.id})::int as relationships,
             (select count(*) from meetings)::int as meetings,
             (select count(*) from meeting_feedback)::int as feedback,
             (select count(*) from learning_entries)::int as learning,
             (select count(*) from skill_assessments)::int as assessments,
             (select count(*) from promotions)::int as promotions`),
  )[0];
  return counts as Record<string, number>;
}

/**
 * Moves every published cutoff ten minutes back and adds `n` feedback answers and `n`
 * learning-log entries written five minutes ago: the next read publishes a new snapshot.
 */
async function addAnswers(database: Database, ref: { id: string; orgId: string }, n: number) {
  const { db } = database;
  await db.execute(sql`update published_figures set cutoff = cutoff - interval '10 minutes'`);
  await db.execute(sql`
    insert into meeting_feedback (org_id, programme_id, meeting_id, author_id, author_side, author_department,
                                  value, heard, talking, created_at)
    select ${ref.orgId}, ${ref.id}, m.id, r.mentor_id, 'mentor', null, 1 + floor(random() * 5)::int,
           1 + floor(random() * 5)::int, 'balanced', now() - interval '5 minutes'
    from meetings m join relationships r on r.id = m.relationship_id
    where r.programme_id = ${ref.id} and m.status = 'held'
      and not exists (select 1 from meeting_feedback f where f.meeting_id = m.id and f.author_id = r.mentor_id)
    limit ${n}`);
  await db.execute(sql`
    insert into learning_entries (org_id, relationship_id, learner_id, topic_id, body, learned_on, created_at)
    select ${ref.orgId}, r.id, r.mentee_id, l.topic_id, 'What I learned', current_date, now() - interval '5 minutes'
    from relationships r
    join lateral (select topic_id from learning_entries e where e.relationship_id = r.id limit 1) l on true
    where r.programme_id = ${ref.id}
    limit ${n}`);
  return 2 * n;
}

async function time<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
}

/** Wall time and this process's CPU time (user + system), which a busy machine inflates less. */
function timeCpu<T>(run: () => T): [T, number, number] {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return [value, performance.now() - started, (used.user + used.system) / 1000];
}

export async function runOutcomesBenchmark(argv: string[]): Promise<void> {
  const count = flag(argv, 'people', 200_000);
  // PostgreSQL by default, the database the reports' target is set on.
  const usePostgres = !argv.includes('--pglite');
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-outcomes-'));
  let postgres: PostgresServer | null = null;
  let database: Database;
  if (usePostgres) {
    postgres = await startPostgres();
    database = await openDatabase({ kind: 'postgres', url: postgres.url, poolSize: 4 });
  } else {
    database = await openDatabase({ kind: 'pglite', dataDir: dir });
  }
  try {
    await database.migrate();
    const [{ ref, participants }, fillMs] = await time(() => fill(database, count));
    const period = { origin, analysisDate: asOf };
    process.stdout.write(
      `Retention report on ${usePostgres ? 'PostgreSQL' : 'PGlite'}: ${count} people, ${participants} participants (filled in ${(fillMs / 1000).toFixed(1)} s)\n\n`,
    );
    // Warm both paths once so neither pays for a cold cache alone.
    await loadRetentionData(database.db, ref, { asOf });
    const [grouped, groupedLoadMs] = await time(() => loadRetentionData(database.db, ref, { asOf }));
    const [report, groupedAnalysisMs, groupedCpuMs] = timeCpu(() =>
      analyseRetention(grouped.subjects, period),
    );
    const [perPerson, perPersonLoadMs] = await time(async () =>
      rowsOf<PersonDates>(
        await database.db.execute(sql`
          with took_part as (
            select mentor_id as id from relationships
            where org_id = ${ref.orgId} and programme_id = ${ref.id} and status in ('active', 'paused', 'closed')
            union
            select mentee_id from relationships
            where org_id = ${ref.orgId} and programme_id = ${ref.id} and status in ('active', 'paused', 'closed'))
          select p.department, p.job_level as "jobLevel", p.birth_year as "birthYear",
                 to_char(p.hire_date, 'YYYY-MM-DD') as "hireDate", to_char(p.leave_date, 'YYYY-MM-DD') as "leaveDate",
                 t.id is not null as participant
          from people p left join took_part t on t.id = p.id
          where p.org_id = ${ref.orgId}`),
      ),
    );
    const [reference, perPersonAnalysisMs, perPersonCpuMs] = timeCpu(() =>
      analyseRetention(retentionSubjects(perPerson, origin, asOf), period),
    );
    const groupedMs = groupedLoadMs + groupedAnalysisMs;
    const perPersonMs = perPersonLoadMs + perPersonAnalysisMs;
    process.stdout.write(
      '| path | rows read | SQL ms | statistics ms (CPU ms) | total ms | vs reference |\n|---|---:|---:|---:|---:|---:|\n',
    );
    process.stdout.write(
      `| one row per person (reference) | ${perPerson.length} | ${perPersonLoadMs.toFixed(0)} | ${perPersonAnalysisMs.toFixed(0)} (${perPersonCpuMs.toFixed(0)}) | ${perPersonMs.toFixed(0)} | 1.00x |\n`,
    );
    process.stdout.write(
      `| grouped by matching cell in SQL | ${grouped.subjects.length} | ${groupedLoadMs.toFixed(0)} | ${groupedAnalysisMs.toFixed(0)} (${groupedCpuMs.toFixed(0)}) | ${groupedMs.toFixed(0)} | ${(perPersonMs / groupedMs).toFixed(2)}x faster |\n\n`,
    );
    const hr = report.hazardRatio;
    process.stdout.write(
      `Load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores while measuring.\nMatched hazard ratio ${hr.estimate?.toFixed(3)} (${hr.lower?.toFixed(3)} to ${hr.upper?.toFixed(3)}), planted 0.5; ${report.matching.participants.matched} of ${report.matching.participants.total} participants matched; per-person path ${reference.hazardRatio.estimate?.toFixed(3)} (tenure in exact rather than whole years)\n`,
    );
    const [counts, activityMs] = await time(() => fillActivity(database, ref, count));
    process.stdout.write(
      `\nEvery report as a sponsor reads it: ${count} people, ${counts.relationships} relationships, ${counts.meetings} meetings, ${counts.feedback} feedback answers, ${counts.learning} learning-log entries, ${counts.assessments} self-assessments, ${counts.promotions} promotions (filled in ${(activityMs / 1000).toFixed(1)} s)\n\n`,
    );
    const actor = { ...systemActor(ref.orgId), roles: ['sponsor' as const] };
    const reports: [string, () => Promise<unknown>][] = [
      ['retention', () => retentionReport(database.db, actor, ref.id, { side: 'all', asOf })],
      ['promotions', () => promotionsReport(database.db, actor, ref.id, { side: 'all', asOf })],
      ['skills', () => skillsReport(database.db, actor, ref.id)],
      ['learning', () => learningReport(database.db, actor, ref.id)],
      ['quality', () => qualityReport(database.db, actor, ref.id)],
    ];
    const timings: Record<string, number[]> = {};
    for (const [name, read] of reports) {
      const [, firstMs] = await time(read);
      const [, nextMs] = await time(read);
      timings[name] = [firstMs, nextMs];
    }
    // The reference for the quality report's read after new answers: the same snapshots read
    // through every answer, as any read that showed a new cell (a new month) did before 084.
    await database.db.execute(sql`
      insert into published_figures (org_id, programme_id, figure, seq, epoch, cutoff, minimum_people, shown, cells, running)
      select org_id, programme_id, 'quality-reference', seq, epoch, cutoff, minimum_people, shown, cells, running
      from published_figures where programme_id = ${ref.id} and figure = 'quality'`);
    const everyAnswer = {
      ...qualitySource(ref.orgId, ref.id),
      figure: 'quality-reference',
      totals: undefined,
    };
    // New answers since the snapshots: the published cutoffs move ten minutes back (as if
    // taken then) and one person in a hundred answers five minutes ago.
    const added = await addAnswers(database, ref, Math.max(10, Math.round(count / 100)));
    for (const [name, read] of reports) {
      const [, laterMs] = await time(read);
      timings[name]?.push(laterMs);
    }
    const [, everyAnswerMs] = await time(() =>
      readPublished(database.db, { orgId: ref.orgId, programmeId: ref.id }, everyAnswer, { minimumPeople }),
    );
    // Both paths end in the same snapshot (jsonb compares the cells by value).
    const [same] = rowsOf<{ same: boolean }>(
      await database.db.execute(sql`
        select a.shown = b.shown and a.cells = b.cells as same
        from published_figures a join published_figures b using (programme_id, seq)
        where a.programme_id = ${ref.id} and a.figure = 'quality' and b.figure = 'quality-reference'
        order by seq desc limit 1`),
    );
    process.stdout.write(
      `| report | first read ms (publishes) | next read ms | read after ${added} new answers ms (publishes) | target |\n|---|---:|---:|---:|---|\n`,
    );
    for (const [name] of reports) {
      const [firstMs, nextMs, laterMs] = timings[name] as [number, number, number];
      const worst = Math.max(firstMs, nextMs, laterMs);
      const big = count >= 200_000;
      process.stdout.write(
        `| ${name} | ${firstMs.toFixed(0)} | ${nextMs.toFixed(0)} | ${laterMs.toFixed(0)} | ${worst < 2000 ? 'met' : 'NOT met'} |\n`,
      );
      record({
        figure: `${name} report, ${count} people on ${usePostgres ? 'PostgreSQL' : 'PGlite'}`,
        value: `${firstMs.toFixed(0)} ms first read, ${nextMs.toFixed(0)} ms next, ${laterMs.toFixed(0)} ms after new answers (load ${loadavg()[0]?.toFixed(1)})`,
        target: '< 2 s at 200,000 people on PostgreSQL',
        met: big && usePostgres ? worst < 2000 : null,
      });
    }
    const laterMs = timings.quality?.[2] as number;
    process.stdout.write(
      `\nQuality, read after ${added} new answers: ${laterMs.toFixed(0)} ms adding the newest period to the kept totals, ${everyAnswerMs.toFixed(0)} ms reading every answer again (the reference, ${(everyAnswerMs / laterMs).toFixed(2)}x as long); the two snapshots are ${same?.same ? 'the same' : 'DIFFERENT'}.\n`,
    );
    process.stdout.write(
      `\nLoad average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores while measuring.\n`,
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    postgres?.stop();
  }
}

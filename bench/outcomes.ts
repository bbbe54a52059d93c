// Outcome statistics benchmark: npm run bench -- outcomes [--people N] [--postgres].
// Fills a fresh database with N people whose leave dates carry a planted effect (hazard
// ratio 0.5, confounded by department, level, tenure and generation), then times the
// retention report both ways in the same run: rows grouped in SQL (what the product does)
// against the reference of one row per person loaded into Node.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/db/client.js';
import { rowsOf } from '../src/db/rows.js';
import { organisations, people, programmes, relationships } from '../src/db/schema.js';
import { plantRetentionEffect } from '../src/demo/outcomes.js';
import { loadRetentionData } from '../src/insights/outcome-data.js';
import {
  analyseRetention,
  type PersonDates,
  retentionSubjects,
} from '../src/insights/statistics/retention.js';

const origin = '2024-01-01';
const asOf = '2026-01-01';

function flag(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

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
  const usePostgres = argv.includes('--postgres');
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-outcomes-'));
  let port = 0;
  let database: Database;
  if (usePostgres) {
    port = await freePort();
    const url = execFileSync(process.execPath, ['scripts/pg-server.mjs', 'start', String(port)], {
      encoding: 'utf8',
    }).trim();
    database = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
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
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    if (usePostgres)
      execFileSync(process.execPath, ['scripts/pg-server.mjs', 'stop', String(port)], { stdio: 'ignore' });
  }
}

// Nothing acknowledged is lost: write load (people, notes, feedback, accepts) against the
// real server process, `kill -9` of that process in the middle of it, a restart on the same
// database, and every write that had been answered 2xx read back.
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { accounts, enrolments, meetings, people, relationships } from '../../db/schema.js';
import { scratchDatabase } from '../../db/testing/test-database.js';
import { createSession } from '../../identity/sessions.js';
import { createWorld } from '../../relationships/testing.js';
import { buildApp } from '../app.js';
import { http } from './http-client.js';
import { type ServerProcess, startServerProcess } from './server-process.js';

// The kill comes once this many writes were acknowledged (or after the time limit), with writers still busy.
const killAfterAcknowledged = 60;
const loadLimitMs = 20_000;
const writers = 8;

interface Seeded {
  managerCookie: string;
  mentorCookie: string;
  menteeCookie: string;
  relationshipId: string;
  heldMeetings: string[];
  /** Proposals each waiting for one mentee's accept, with that mentee's session. */
  proposals: { id: string; cookie: string }[];
}

/** The world the load writes into, made in this process before the server starts on the same database. */
async function seed(open: () => Promise<import('../../db/client.js').Database>): Promise<Seeded> {
  const database = await open();
  await database.migrate();
  const app = await buildApp({
    database,
    config: loadConfig({ TWOWAY_DEMO: 'false', AUTH_RATE_LIMIT_PER_MINUTE: '1000000' }),
  });
  await app.ready();
  const t = { app, database, close: async () => {} };
  const w = await createWorld(t, 'durable');
  const db = database.db;
  // Forty meetings already held, each waiting for both people's feedback.
  const held = await db
    .insert(meetings)
    .values(
      Array.from({ length: 40 }, (_, i) => ({
        orgId: w.org.orgId,
        relationshipId: w.relationshipId,
        startsAt: new Date(Date.now() - (60 - i) * 86_400_000),
        endsAt: new Date(Date.now() - (60 - i) * 86_400_000 + 3_600_000),
        durationMinutes: 60,
        status: 'held' as const,
        agenda: { template: 'free', title: 'Held', items: [] },
      })),
    )
    .returning({ id: meetings.id });
  const heldMeetings = held.map((m) => m.id);
  // 100 mentees, each with a proposal the mentor has not answered yet; their accept is a write.
  const made = await db
    .insert(people)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        orgId: w.org.orgId,
        name: `Waiting ${i}`,
        email: `waiting${i}@durable.test`,
        jobLevel: 9,
      })),
    )
    .returning({ id: people.id });
  await db.insert(enrolments).values(
    made.map((p) => ({
      orgId: w.org.orgId,
      programmeId: w.programmeId,
      personId: p.id,
      role: 'mentee' as const,
      consentAt: new Date(),
    })),
  );
  const made2 = await db
    .insert(accounts)
    .values(
      made.map((p, i) => ({
        orgId: w.org.orgId,
        personId: p.id,
        email: `waiting${i}@durable.test`,
        passwordHash: 'unused',
        roles: ['participant' as const],
      })),
    )
    .returning({ id: accounts.id, orgId: accounts.orgId });
  const rows = await db
    .insert(relationships)
    .values(
      made.map((p) => ({
        orgId: w.org.orgId,
        programmeId: w.programmeId,
        mentorId: w.mentor.personId,
        menteeId: p.id,
        status: 'proposed' as const,
      })),
    )
    .returning({ id: relationships.id });
  const proposals = await Promise.all(
    rows.map(async (r, i) => ({
      id: r.id,
      cookie: `twoway_session=${(await createSession(db, made2[i] as { id: string; orgId: string }, 2)).token}`,
    })),
  );
  await app.close();
  await database.close();
  return {
    managerCookie: w.org.cookies.programme_manager,
    mentorCookie: w.mentor.cookie,
    menteeCookie: w.mentee.cookie,
    relationshipId: w.relationshipId,
    heldMeetings,
    proposals,
  };
}

type Write = {
  kind: 'person' | 'note' | 'feedback' | 'accept';
  check: (base: string) => Promise<boolean | string>;
};

describe('durability under kill -9', () => {
  let server: ServerProcess | null = null;
  let cleanup: (() => Promise<void>) | null = null;
  afterAll(async () => {
    await server?.stop();
    await cleanup?.();
  });

  it('finds every acknowledged write after the server process is killed mid-load and restarted', {
    timeout: 240_000,
  }, async () => {
    const scratch = await scratchDatabase();
    cleanup = scratch.cleanup;
    const s = await seed(scratch.open);
    const env = { ...scratch.env, AUTH_RATE_LIMIT_PER_MINUTE: '1000000' };
    server = await startServerProcess(env);
    const first = server;

    const acknowledged: Write[] = [];
    let attempted = 0;
    let stop = false;
    let next = 0;
    const feedbackQueue = s.heldMeetings.flatMap((m) => [
      { meeting: m, cookie: s.mentorCookie },
      { meeting: m, cookie: s.menteeCookie },
    ]);
    const oneWrite = async (): Promise<Write | null> => {
      const i = next++;
      const base = first.url;
      const kind = i % 4;
      if (kind === 1) {
        const body = `durable note ${i}`;
        const res = await http(`${base}/api/relationships/${s.relationshipId}/notes`, {
          cookie: s.mentorCookie,
          body: { visibility: 'private', body },
        });
        const id = (res.body as { id?: string } | null)?.id;
        return res.status === 201 && id
          ? {
              kind: 'note',
              check: async (b) => {
                const r = await http(`${b}/api/notes/${id}`, { cookie: s.mentorCookie });
                return (
                  (r.status === 200 && (r.body as { body?: string }).body === body) ||
                  `${id} ${r.status} ${r.text.slice(0, 120)}`
                );
              },
            }
          : null;
      }
      if (kind === 2 && feedbackQueue.length) {
        const f = feedbackQueue.shift() as { meeting: string; cookie: string };
        const res = await http(`${base}/api/meetings/${f.meeting}/feedback`, {
          cookie: f.cookie,
          body: { value: 4, heard: 5, talking: 'balanced', comment: `feedback ${i}` },
        });
        return res.status === 201
          ? {
              kind: 'feedback',
              check: async (b) => {
                const r = await http(`${b}/api/meetings/${f.meeting}/feedback`, { cookie: f.cookie });
                return (
                  (r.status === 200 && r.text.includes(`feedback ${i}`)) ||
                  `${f.meeting} ${r.status} ${r.text.slice(0, 160)}`
                );
              },
            }
          : null;
      }
      if (kind === 3 && s.proposals.length) {
        const p = s.proposals.shift() as { id: string; cookie: string };
        const res = await http(`${base}/api/relationships/${p.id}/respond`, {
          cookie: p.cookie,
          body: { response: 'accept' },
        });
        return res.status === 200
          ? {
              kind: 'accept',
              check: async (b) => {
                const r = await http(`${b}/api/relationships/${p.id}`, { cookie: p.cookie });
                return (
                  (r.status === 200 &&
                    (r.body as { menteeResponse?: string }).menteeResponse === 'accepted') ||
                  `${p.id} ${r.status} ${r.text.slice(0, 160)}`
                );
              },
            }
          : null;
      }
      const email = `durable${i}@durable.test`;
      const res = await http(`${base}/api/people`, {
        cookie: s.managerCookie,
        body: { name: `Durable ${i}`, email, jobLevel: 4 },
      });
      const id = (res.body as { id?: string } | null)?.id;
      return res.status === 201 && id
        ? {
            kind: 'person',
            check: async (b) => {
              const r = await http(`${b}/api/people/${id}`, { cookie: s.managerCookie });
              return (
                (r.status === 200 && (r.body as { email?: string }).email === email) ||
                `${id} ${r.status} ${r.text.slice(0, 120)}`
              );
            },
          }
        : null;
    };
    const load = Array.from({ length: writers }, async () => {
      while (!stop) {
        attempted++;
        const w = await oneWrite();
        if (w) acknowledged.push(w);
      }
    });
    const loadStarted = performance.now();
    while (acknowledged.length < killAfterAcknowledged && performance.now() - loadStarted < loadLimitMs)
      await new Promise((r) => setTimeout(r, 20));
    const loadMs = performance.now() - loadStarted;
    first.child.kill('SIGKILL');
    await first.exited;
    stop = true;
    await Promise.all(load);

    const started = performance.now();
    server = await startServerProcess(env);
    const restartMs = performance.now() - started;
    const lost: string[] = [];
    for (let i = 0; i < acknowledged.length; i += 16) {
      const batch = acknowledged.slice(i, i + 16);
      // A read that times out on a busy machine is asked again; only an answer that lacks the write counts as lost.
      const found = await Promise.all(
        batch.map(async (w) => {
          let result: boolean | string = false;
          for (let attempt = 0; attempt < 3 && result !== true; attempt++)
            result = await w.check((server as ServerProcess).url);
          return result;
        }),
      );
      batch.forEach((w, j) => {
        if (found[j] !== true) lost.push(`${w.kind}: ${found[j]}`);
      });
    }
    const byKind = (k: Write['kind']) => acknowledged.filter((w) => w.kind === k).length;
    console.log(
      `durability (${process.env.TWOWAY_TEST_DB ?? 'pglite'}): ${attempted} writes sent in ${loadMs.toFixed(0)} ms, kill -9 mid-load; ` +
        `acknowledged ${acknowledged.length} (people ${byKind('person')}, notes ${byKind('note')}, feedback ${byKind('feedback')}, accepts ${byKind('accept')}); ` +
        `lost ${lost.length}; restart ${restartMs.toFixed(0)} ms`,
    );
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    for (const kind of ['person', 'note', 'feedback', 'accept'] as const)
      expect(byKind(kind)).toBeGreaterThan(0);
    expect(lost).toEqual([]);
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { duringLongWrite, longWriteAnswersForMs } from './long-write.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('liveness during a long write', () => {
  it('answers /healthz while a long write holds the database open', async () => {
    const db = t.database.db;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inside = () => {};
    const started = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const writing = duringLongWrite(db, (progress) =>
      db.transaction(async (tx) => {
        await tx.execute('select 1');
        progress();
        inside();
        await held;
      }),
    );
    await started;
    // On the embedded database a query would wait for the transaction: the answer must not.
    const health = await Promise.race([
      t.app.inject({ method: 'GET', url: '/healthz' }),
      sleep(5000).then(() => null),
    ]);
    release();
    await writing;
    expect(health?.statusCode).toBe(200);
    expect(health?.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it("answers /healthz at the long write's next statement when the last one is not recent", async () => {
    const db = t.database.db;
    let step = () => {};
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const writing = duringLongWrite(db, (progress) => {
      step = progress;
      return db.transaction(async (tx) => {
        await tx.execute('select 1');
        await held;
      });
    });
    await sleep(longWriteAnswersForMs + 300);
    const asked = t.app.inject({ method: 'GET', url: '/healthz' });
    await sleep(200);
    step();
    // Before, health queued behind the whole write: it answered only after the release below.
    const health = await Promise.race([asked, sleep(5000).then(() => null)]);
    release();
    await writing;
    expect(health?.statusCode).toBe(200);
  });
});

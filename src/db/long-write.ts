// A long write on the embedded database (PGlite: one connection, in this process) holds
// every other query until it commits. Liveness asks here first: a write that finished a
// statement moments ago shows that the database is alive, so /healthz answers without
// queueing behind it; without such a statement it waits for the write's next one (or its
// end), never for the whole write. On PostgreSQL nothing changes: the long write has its
// own connection.
import type { Db } from './client.js';

interface Progress {
  writes: number;
  lastProgress: number;
  waiting: (() => void)[];
}

const progressOf = new WeakMap<Db, Progress>();

/** How recent a long write's last statement must be for liveness to take it as an answer. */
export const longWriteAnswersForMs = 5000;

const wake = (state: Progress) => {
  for (const resolve of state.waiting.splice(0)) resolve();
};

/** Runs `work`, a long write on `db` that calls `progress()` after each statement it completes. */
export async function duringLongWrite<T>(db: Db, work: (progress: () => void) => Promise<T>): Promise<T> {
  const state = progressOf.get(db) ?? { writes: 0, lastProgress: 0, waiting: [] };
  progressOf.set(db, state);
  state.writes++;
  state.lastProgress = performance.now();
  try {
    return await work(() => {
      state.lastProgress = performance.now();
      wake(state);
    });
  } finally {
    state.writes--;
    wake(state);
  }
}

/** True while a long write on `db` is under way and completed a statement within `longWriteAnswersForMs`. */
export function longWriteProgressing(db: Db): boolean {
  const state = progressOf.get(db);
  return (
    state !== undefined && state.writes > 0 && performance.now() - state.lastProgress < longWriteAnswersForMs
  );
}

/**
 * Whether a long write on `db` shows the database alive: at once when it completed a statement
 * recently, else when it completes its next one. False when no long write is under way (or it
 * ended meanwhile): then ask the database itself.
 */
export async function longWriteShowsLife(db: Db): Promise<boolean> {
  const state = progressOf.get(db);
  if (!state || state.writes === 0) return false;
  if (longWriteProgressing(db)) return true;
  const before = state.lastProgress;
  await new Promise<void>((resolve) => state.waiting.push(resolve));
  return state.writes > 0 || state.lastProgress !== before;
}

// A long write on the embedded database (PGlite: one connection, in this process) holds
// every other query until it commits. Liveness asks here first: a write that finished a
// statement moments ago shows that the database is alive, so /healthz answers without
// queueing behind it. On PostgreSQL nothing changes: the long write has its own connection.
import type { Db } from './client.js';

interface Progress {
  writes: number;
  lastProgress: number;
}

const progressOf = new WeakMap<Db, Progress>();

/** How recent a long write's last statement must be for liveness to take it as an answer. */
export const longWriteAnswersForMs = 5000;

/** Runs `work`, a long write on `db` that calls `progress()` after each statement it completes. */
export async function duringLongWrite<T>(db: Db, work: (progress: () => void) => Promise<T>): Promise<T> {
  const state = progressOf.get(db) ?? { writes: 0, lastProgress: 0 };
  progressOf.set(db, state);
  state.writes++;
  state.lastProgress = performance.now();
  try {
    return await work(() => {
      state.lastProgress = performance.now();
    });
  } finally {
    state.writes--;
  }
}

/** True while a long write on `db` is under way and completed a statement within `longWriteAnswersForMs`. */
export function longWriteProgressing(db: Db): boolean {
  const state = progressOf.get(db);
  return (
    state !== undefined && state.writes > 0 && performance.now() - state.lastProgress < longWriteAnswersForMs
  );
}

// `db.execute` answers differently on node-postgres and PGlite; both carry `rows`.
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

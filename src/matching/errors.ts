/** Bad input to the engine: names the field and the problem. The engine throws nothing else on input. */
export class MatchingInputError extends Error {
  readonly issues: string[];
  constructor(issues: string[]) {
    super(
      issues.length === 1 ? (issues[0] as string) : `${issues.length} problems:\n- ${issues.join('\n- ')}`,
    );
    this.name = 'MatchingInputError';
    this.issues = issues;
  }
}

/** A zod issue path as the engine names fields: `root.key[0].key` (`root` alone for the whole value). */
export function fieldPath(root: string, path: readonly PropertyKey[]): string {
  let out = root;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? 'cohort' : out;
}

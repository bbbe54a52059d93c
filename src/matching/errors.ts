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

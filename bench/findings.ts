// The figures a benchmark measured against the product's targets, gathered so that
// `npm run bench` ends with one table of every target and whether it is met.
export interface Finding {
  figure: string;
  value: string;
  target: string;
  /** null: measured, but the target is for another size (e.g. a smaller run than the target's). */
  met: boolean | null;
}

const findings: Finding[] = [];

export function record(finding: Finding): void {
  findings.push(finding);
}

export function findingsTable(): string {
  if (findings.length === 0) return '';
  const rows = findings.map(
    (f) => `| ${f.figure} | ${f.value} | ${f.target} | ${f.met === null ? '-' : f.met ? 'met' : 'NOT met'} |`,
  );
  const met = findings.filter((f) => f.met === true).length;
  const judged = findings.filter((f) => f.met !== null).length;
  return `| figure | measured | target | |\n|---|---|---|---|\n${rows.join('\n')}\n\n${met} of ${judged} targets met.\n`;
}

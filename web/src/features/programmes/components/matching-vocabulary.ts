// The matching settings a programme stores ({ objective, weights, rules }), with the
// words a manager reads. Weights are in the engine's own unit (shares of the score);
// the defaults are the engine's defaults for each programme kind.
import type { MatchingSettings, Objective, ProgrammeKind } from '../../../lib/types';

export const objectives: { value: Objective; label: string; description: string }[] = [
  {
    value: 'max_total',
    label: 'Best overall',
    description: 'The highest total compatibility across the whole cohort. Most people get a strong pair.',
  },
  {
    value: 'fairest',
    label: 'Fairest',
    description:
      'Lifts the weakest pairs first: nobody gets a poor match so that someone else can have a great one.',
  },
  {
    value: 'stable',
    label: 'Stable',
    description:
      'No mentor and mentee would both rather be with each other than with the people they were given.',
  },
];

export interface WeightDef {
  key: string;
  label: string;
  description: string;
}

export const weightDefs: WeightDef[] = [
  {
    key: 'topics',
    label: 'Topic fit',
    description:
      'What the mentor offers covers what the mentee wants to learn (both ways in two-way programmes), by proficiency and priority.',
  },
  {
    key: 'goals',
    label: 'Similar goals',
    description: 'The two people describe similar goals in their own words.',
  },
  {
    key: 'department',
    label: 'Different departments',
    description: 'Pairs across departments spread knowledge through the organisation.',
  },
  {
    key: 'generation',
    label: 'Different generations',
    description: 'Pairs across generations, the heart of reverse and two-way mentoring.',
  },
  { key: 'availability', label: 'Shared free time', description: 'More weekly hours when both are free.' },
  { key: 'preference', label: 'Stated preferences', description: 'Mentors a mentee shortlisted or ranked.' },
];

export function defaultWeights(kind: ProgrammeKind): Record<string, number> {
  if (kind === 'reverse')
    return {
      topics: 0.4,
      goals: 0.15,
      department: 0.1,
      generation: 0.1,
      availability: 0.05,
      preference: 0.2,
    };
  if (kind === 'mutual')
    return {
      topics: 0.45,
      goals: 0.15,
      department: 0.1,
      generation: 0.1,
      availability: 0.1,
      preference: 0.1,
    };
  return { topics: 0.4, goals: 0.15, department: 0.1, generation: 0.05, availability: 0.1, preference: 0.2 };
}

export interface RuleDef {
  key: string;
  label: (kind: ProgrammeKind) => string;
  description: (kind: ProgrammeKind) => string;
  /** A number that goes with the rule (e.g. how many levels), when it is on. */
  amount?: {
    key: string;
    label: string;
    min: number;
    max: number;
    step: number;
    unit: string;
    describe: (n: number) => string;
  };
}

export const ruleDefs: RuleDef[] = [
  {
    key: 'reportingLine',
    label: () => 'Keep reporting lines apart',
    description: () =>
      'Nobody is paired with their manager, their manager’s manager, or anyone who reports to them.',
    amount: {
      key: 'reportingLineDepth',
      label: 'Levels up and down to check',
      min: 1,
      max: 10,
      step: 1,
      unit: 'levels',
      describe: (n) => `${n} level${n === 1 ? '' : 's'} up and down`,
    },
  },
  {
    key: 'jobLevel',
    label: (kind) =>
      kind === 'reverse'
        ? 'The mentor is more junior than the mentee'
        : kind === 'mutual'
          ? 'Different seniority'
          : 'The mentor is more senior than the mentee',
    description: (kind) =>
      kind === 'reverse'
        ? 'Reverse mentoring: the less experienced colleague teaches the executive.'
        : kind === 'mutual'
          ? 'The two people are at different job levels, so each has something the other lacks.'
          : 'Conventional mentoring: experience flows to the less experienced colleague.',
    amount: {
      key: 'jobLevelGap',
      label: 'At least this many job levels apart',
      min: 0,
      max: 10,
      step: 1,
      unit: 'levels',
      describe: (n) => `at least ${n} job level${n === 1 ? '' : 's'} apart`,
    },
  },
  {
    key: 'language',
    label: () => 'Share a language',
    description: () => 'The two people speak at least one language in common.',
  },
  {
    key: 'overlap',
    label: () => 'Enough time in common',
    description: () => 'Their weekly availability overlaps, across time zones.',
    amount: {
      key: 'overlapMinHours',
      label: 'At least this many hours a week',
      min: 0,
      max: 40,
      step: 0.5,
      unit: 'hours',
      describe: (n) => `at least ${n} hour${n === 1 ? '' : 's'} a week`,
    },
  },
  {
    key: 'pastPairs',
    label: () => 'No repeat pairs',
    description: () => 'Two people who were paired in an earlier programme are not paired again.',
  },
  {
    key: 'differentDepartment',
    label: () => 'Always different departments',
    description: () => 'A strict rule rather than a preference: no pair from the same department.',
  },
];

export function defaultRules(kind: ProgrammeKind): Record<string, boolean | number> {
  return {
    reportingLine: true,
    reportingLineDepth: 3,
    jobLevel: kind !== 'mutual',
    jobLevelGap: kind === 'mutual' ? 0 : 1,
    language: true,
    overlap: true,
    overlapMinHours: 2,
    pastPairs: true,
    differentDepartment: false,
    minScore: 0,
  };
}

export function defaultSettings(kind: ProgrammeKind): Required<MatchingSettings> {
  return { objective: 'max_total', weights: defaultWeights(kind), rules: defaultRules(kind) };
}

/** Settings as stored, filled in with the kind's defaults where they say nothing. */
export function withDefaults(
  kind: ProgrammeKind,
  settings: MatchingSettings | undefined,
): Required<MatchingSettings> {
  const base = defaultSettings(kind);
  return {
    objective: settings?.objective ?? base.objective,
    weights: { ...base.weights, ...(settings?.weights ?? {}) },
    rules: { ...base.rules, ...(settings?.rules ?? {}) },
  };
}

/** Each weight as a whole-number percentage of the score. */
export function weightShares(weights: Record<string, number>): Record<string, number> {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const out: Record<string, number> = {};
  for (const [k, w] of Object.entries(weights)) out[k] = total > 0 ? Math.round((w / total) * 100) : 0;
  return out;
}

/** The rules that are on, as sentences. */
export function describeRules(kind: ProgrammeKind, rules: Record<string, boolean | number>): string[] {
  const out: string[] = [];
  for (const def of ruleDefs) {
    if (rules[def.key] !== true) continue;
    let text = def.label(kind);
    if (def.amount) {
      const amount = rules[def.amount.key];
      if (typeof amount === 'number' && amount > 0) text += ` (${def.amount.describe(amount)})`;
    }
    out.push(text);
  }
  const minScore = rules.minScore;
  if (typeof minScore === 'number' && minScore > 0)
    out.push(
      `Leave someone unmatched rather than give them a pair scoring under ${Math.round(minScore * 100)}%`,
    );
  return out;
}

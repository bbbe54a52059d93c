// The words a manager reads for each matching setting. The settings themselves (names,
// bounds, defaults per kind) are the engine's: src/matching/settings.ts. Each table below
// is keyed by the engine's names, so a new objective, weight or rule fails to compile
// until it has its words.
import {
  type ComponentName,
  type MatchSettings,
  matchSettingsSchema,
  type Objective,
  type RuleSettings,
} from '../../../src/matching/settings';
import type { ProgrammeKind } from '../lib/types';

export {
  type ComponentName,
  defaultSettings,
  type MatchSettings,
  type MatchSettingsInput,
  type Objective,
  objectives,
  type RuleSettings,
} from '../../../src/matching/settings';

export const objectiveWords: Record<Objective, { label: string; description: string }> = {
  total: {
    label: 'Best overall',
    description: 'The highest total compatibility across the whole cohort. Most people get a strong pair.',
  },
  fairest: {
    label: 'Fairest',
    description:
      'Lifts the weakest pairs first: nobody gets a poor match so that someone else can have a great one.',
  },
  stable: {
    label: 'Stable',
    description:
      'No mentor and mentee would both rather be with each other than with the people they were given.',
  },
};

export const weightWords: Record<ComponentName, { label: string; description: string }> = {
  topics: {
    label: 'Topic fit',
    description:
      'What the mentor offers covers what the mentee wants to learn (both ways in two-way programmes), by proficiency and priority.',
  },
  goals: { label: 'Similar goals', description: 'The two people describe similar goals in their own words.' },
  department: {
    label: 'Different departments',
    description: 'Pairs across departments spread knowledge through the organisation.',
  },
  generation: {
    label: 'Different generations',
    description: 'Pairs across generations, the heart of reverse and two-way mentoring.',
  },
  availability: { label: 'Shared free time', description: 'More weekly hours when both are free.' },
  preference: { label: 'Stated preferences', description: 'Mentors a mentee shortlisted or ranked.' },
};

/** Rules a manager switches on and off (minScore is a number of its own). */
export type RuleName = Exclude<keyof RuleSettings, 'minScore'>;
/** The number that goes with a rule, if any (e.g. how many levels). */
export type AmountOf<R extends RuleName> = Exclude<keyof RuleSettings[R], 'enabled'>;

export interface RuleWords<R extends RuleName> {
  label: (kind: ProgrammeKind) => string;
  description: (kind: ProgrammeKind) => string;
  amount?: { key: AmountOf<R>; label: string; step: number; describe: (n: number) => string };
}

export const ruleWords: { [R in RuleName]: RuleWords<R> } = {
  reportingLine: {
    label: () => 'Keep reporting lines apart',
    description: () =>
      'Nobody is paired with their manager, their manager’s manager, or anyone who reports to them.',
    amount: {
      key: 'depth',
      label: 'Levels up and down to check',
      step: 1,
      describe: (n) => `${n} level${n === 1 ? '' : 's'} up and down`,
    },
  },
  jobLevel: {
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
      key: 'gap',
      label: 'At least this many job levels apart',
      step: 1,
      describe: (n) => `at least ${n} job level${n === 1 ? '' : 's'} apart`,
    },
  },
  language: {
    label: () => 'Share a language',
    description: () => 'The two people speak at least one language in common.',
  },
  overlap: {
    label: () => 'Enough time in common',
    description: () => 'Their weekly availability overlaps, across time zones.',
    amount: {
      key: 'minHours',
      label: 'At least this many hours a week',
      step: 0.5,
      describe: (n) => `at least ${n} hour${n === 1 ? '' : 's'} a week`,
    },
  },
  pastPairs: {
    label: () => 'No repeat pairs',
    description: () => 'Two people who were paired in an earlier programme are not paired again.',
  },
  differentDepartment: {
    label: () => 'Always different departments',
    description: () => 'A strict rule rather than a preference: no pair from the same department.',
  },
};

export const ruleNames = Object.keys(ruleWords) as RuleName[];

/** A rule's amount, whatever the rule. */
export function amountOf(rules: RuleSettings, rule: RuleName, key: string): number {
  return Number((rules[rule] as Record<string, unknown>)[key] ?? 0);
}

/** The engine's bounds of a rule's amount, for the input that edits it. */
export function amountBounds(rule: RuleName, key: string): { min?: number; max?: number } {
  const field = (matchSettingsSchema.shape.rules.shape[rule].shape as Record<string, unknown>)[key] as {
    minValue?: number | null;
    maxValue?: number | null;
  };
  return { min: field.minValue ?? undefined, max: field.maxValue ?? undefined };
}

/** Each weight as a whole-number percentage of the score. */
export function weightShares(weights: MatchSettings['weights']): Record<ComponentName, number> {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  const out = {} as Record<ComponentName, number>;
  for (const [k, w] of Object.entries(weights) as [ComponentName, number][])
    out[k] = total > 0 ? Math.round((w / total) * 100) : 0;
  return out;
}

/** The rules that are on, as sentences. */
export function describeRules(kind: ProgrammeKind, rules: RuleSettings): string[] {
  const out: string[] = [];
  for (const name of ruleNames) {
    if (!rules[name].enabled) continue;
    const words = ruleWords[name] as RuleWords<RuleName>;
    let text = words.label(kind);
    if (words.amount) {
      const amount = amountOf(rules, name, String(words.amount.key));
      if (amount > 0) text += ` (${words.amount.describe(amount)})`;
    }
    out.push(text);
  }
  if (rules.minScore > 0)
    out.push(
      `Leave someone unmatched rather than give them a pair scoring under ${Math.round(rules.minScore * 100)}%`,
    );
  return out;
}

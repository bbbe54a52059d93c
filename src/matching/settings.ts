// Matching settings: the one shape the engine reads, a programme stores and every run
// records. The schema below is written once; the input shape (every field optional, as a
// programme or a run gives them) is derived from it, and defaults depend on the kind.
import { z } from 'zod';
import type { ProgrammeKind } from './cohort.js';
import { fieldPath, MatchingInputError } from './errors.js';

/** The parts of a compatibility score; each has a weight in the settings. */
export const componentNames = [
  'topics',
  'goals',
  'department',
  'generation',
  'availability',
  'preference',
] as const;
export type ComponentName = (typeof componentNames)[number];

export const objectives = ['total', 'fairest', 'stable'] as const;
export type Objective = (typeof objectives)[number];

/** How far up and down a reporting line the rule can look (people's chains are cut here). */
export const maxReportingDepth = 10;

const weight = z.number().min(0, 'must be 0 or more').max(10, 'must be 10 or less');
const enabled = z.boolean();

/** Matching settings after defaults are applied: every choice spelled out. */
export const matchSettingsSchema = z.strictObject({
  objective: z.enum(objectives),
  /** Maximum cardinality first (default); when false, leaving someone out counts as a pair scoring 0. */
  maximiseMatches: z.boolean(),
  weights: z.strictObject(
    Object.fromEntries(componentNames.map((c) => [c, weight])) as Record<ComponentName, typeof weight>,
  ),
  /** Hard rules: a pair that breaks one is never made. */
  rules: z.strictObject({
    reportingLine: z.strictObject({
      enabled,
      depth: z
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(maxReportingDepth, `must be at most ${maxReportingDepth}`),
    }),
    /** Conventional: mentor at least `gap` above; reverse: at least `gap` below; mutual: at least `gap` apart. */
    jobLevel: z.strictObject({
      enabled,
      gap: z.number().min(0, 'must be 0 or more').max(20, 'must be at most 20'),
    }),
    language: z.strictObject({ enabled }),
    /** Weekly overlapping hours of working time or stated availability. */
    overlap: z.strictObject({
      enabled,
      minHours: z.number().min(0, 'must be 0 or more').max(168, 'must be at most 168'),
    }),
    pastPairs: z.strictObject({ enabled }),
    differentDepartment: z.strictObject({ enabled }),
    /** Pairs scoring below this are not made (0 = off). */
    minScore: z.number().min(0, 'must be 0 or more').max(1, 'must be at most 1'),
  }),
  /** Weekly overlapping hours that earn the full availability component. */
  availabilityTargetHours: z.number().positive('must be more than 0').max(168, 'must be at most 168'),
  candidates: z.strictObject({
    /** Best candidates kept per mentee when the cohort is too big to keep every allowed pair. */
    perMentee: z.int('must be a whole number').min(1, 'must be at least 1'),
    /** Up to this many mentee x mentor pairs, every pair is scored and kept (exact over the whole cohort). */
    exhaustiveLimit: z.int('must be a whole number').min(0, 'must be 0 or more'),
  }),
});
export type MatchSettings = z.infer<typeof matchSettingsSchema>;
export type RuleSettings = MatchSettings['rules'];

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };
/** Settings as a programme or a run gives them: any field may be left to the defaults of the kind. */
export type MatchSettingsInput = DeepPartial<MatchSettings>;

/** The same object shape with every field optional, all the way down; unknown keys stay errors. */
function optionalFields(schema: z.ZodObject): z.ZodObject {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodObject ? optionalFields(field) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.strictObject(shape);
}

/** Settings input: the settings schema with every field optional; a misspelt key is an error naming it. */
export const settingsInputSchema = optionalFields(matchSettingsSchema) as unknown as z.ZodType<
  MatchSettingsInput,
  MatchSettingsInput
>;

/** Sensible defaults per programme kind; a programme's settings are merged over these. */
export function defaultSettings(kind: ProgrammeKind): MatchSettings {
  const base: MatchSettings = {
    objective: 'total',
    maximiseMatches: true,
    weights: {
      topics: 0.4,
      goals: 0.15,
      department: 0.1,
      generation: 0.05,
      availability: 0.1,
      preference: 0.2,
    },
    rules: {
      reportingLine: { enabled: true, depth: 3 },
      jobLevel: { enabled: true, gap: 1 },
      language: { enabled: true },
      overlap: { enabled: true, minHours: 2 },
      pastPairs: { enabled: true },
      differentDepartment: { enabled: false },
      minScore: 0,
    },
    availabilityTargetHours: 6,
    candidates: { perMentee: 50, exhaustiveLimit: 4_000_000 },
  };
  if (kind === 'reverse') {
    base.weights = {
      topics: 0.4,
      goals: 0.15,
      department: 0.1,
      generation: 0.1,
      availability: 0.05,
      preference: 0.2,
    };
  }
  if (kind === 'mutual') {
    base.weights = {
      topics: 0.45,
      goals: 0.15,
      department: 0.1,
      generation: 0.1,
      availability: 0.1,
      preference: 0.1,
    };
    base.rules.jobLevel = { enabled: false, gap: 0 };
  }
  return base;
}

/** Settings inputs merged over the defaults of the programme kind (later inputs win). */
export function resolveSettings(
  kind: ProgrammeKind,
  ...inputs: (MatchSettingsInput | undefined)[]
): MatchSettings {
  let s = defaultSettings(kind);
  for (const input of inputs) if (input) s = mergeOver(s, input);
  return s;
}

/** Every field of `base`, taken from `input` where it says something. */
function mergeOver<T extends object>(base: T, input: DeepPartial<T>): T {
  const out = { ...base };
  for (const key of Object.keys(base) as (keyof T)[]) {
    const given = input[key];
    if (given === undefined) continue;
    const current = base[key];
    out[key] = (
      typeof current === 'object' && current !== null
        ? mergeOver(current, given as DeepPartial<typeof current>)
        : given
    ) as T[keyof T];
  }
  return out;
}

/**
 * The settings of one run: the run's own input checked (a MatchingInputError
 * naming each bad field), then merged over the cohort's settings and the
 * defaults of the kind.
 */
export function runSettings(
  kind: ProgrammeKind,
  cohortSettings: MatchSettingsInput | undefined,
  input: MatchSettingsInput | undefined,
): MatchSettings {
  if (input === undefined) return resolveSettings(kind, cohortSettings);
  const s = settingsInputSchema.safeParse(input);
  if (!s.success)
    throw new MatchingInputError(s.error.issues.map((i) => `${fieldPath('settings', i.path)}: ${i.message}`));
  return resolveSettings(kind, cohortSettings, s.data);
}

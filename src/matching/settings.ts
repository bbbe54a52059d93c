import type { MatchSettings, MatchSettingsInput, ProgrammeKind } from './cohort.js';

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

/** Settings input merged over the defaults of the programme kind (later inputs win). */
export function resolveSettings(
  kind: ProgrammeKind,
  ...inputs: (MatchSettingsInput | undefined)[]
): MatchSettings {
  const s = defaultSettings(kind);
  for (const input of inputs) {
    if (!input) continue;
    if (input.objective !== undefined) s.objective = input.objective;
    if (input.maximiseMatches !== undefined) s.maximiseMatches = input.maximiseMatches;
    if (input.availabilityTargetHours !== undefined)
      s.availabilityTargetHours = input.availabilityTargetHours;
    if (input.weights) {
      for (const [k, w] of Object.entries(input.weights)) {
        if (w !== undefined) s.weights[k as keyof MatchSettings['weights']] = w;
      }
    }
    const r = input.rules;
    if (r) {
      if (r.reportingLine) Object.assign(s.rules.reportingLine, dropUndefined(r.reportingLine));
      if (r.jobLevel) Object.assign(s.rules.jobLevel, dropUndefined(r.jobLevel));
      if (r.language) Object.assign(s.rules.language, dropUndefined(r.language));
      if (r.overlap) Object.assign(s.rules.overlap, dropUndefined(r.overlap));
      if (r.pastPairs) Object.assign(s.rules.pastPairs, dropUndefined(r.pastPairs));
      if (r.differentDepartment)
        Object.assign(s.rules.differentDepartment, dropUndefined(r.differentDepartment));
      if (r.minScore !== undefined) s.rules.minScore = r.minScore;
    }
    if (input.candidates) Object.assign(s.candidates, dropUndefined(input.candidates));
  }
  return s;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

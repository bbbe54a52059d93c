// The shape every figure leaves this folder in: its size, its interval, the method that
// made it and one plain sentence on what it cannot show, so a screen can always show them.

/** A 95% interval; bounds are null where the data cannot support one (too few people, no events). */
export interface Interval {
  lower: number | null;
  upper: number | null;
  level: 0.95;
}

export interface Figure {
  /** Distinct people (or pairs, or relationships) the figure rests on. */
  n: number;
  method: string;
  caveat: string;
}

export const CONFIDENCE = 0.95 as const;

export const caveats = {
  volunteers:
    'Participants chose to take part and may differ from others in ways the HR data does not record; matching on what the data holds is not randomisation.',
  selfAssessment:
    'Self-assessed skills measure confidence as much as skill, and people who answered both times may differ from those who did not.',
  reciprocity:
    'The index counts learning-log entries in each direction, so it reflects what people chose to write down, not everything they learned.',
} as const;

/** Returns the value when finite, else null (JSON has no NaN or Infinity). */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

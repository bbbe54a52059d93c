// From the programme's stored settings (the wizard's words) to the engine's run settings.
import type { Programme } from '../../../lib/types';
import { withDefaults } from '../../programmes/components/matching-vocabulary';
import type { ComponentName, EngineObjective, RunSettings } from '../types';

export interface SettingsDraft {
  objective: EngineObjective;
  maximiseMatches: boolean;
  weights: Record<ComponentName, number>;
  rules: Record<string, boolean | number>;
}

export function draftFrom(programme: Pick<Programme, 'kind' | 'matchingSettings'>): SettingsDraft {
  const s = withDefaults(programme.kind, programme.matchingSettings);
  return {
    objective: s.objective === 'max_total' ? 'total' : s.objective,
    maximiseMatches: true,
    weights: s.weights as Record<ComponentName, number>,
    rules: s.rules,
  };
}

const on = (v: boolean | number | undefined) => v === true;
const num = (v: boolean | number | undefined, fallback: number) => (typeof v === 'number' ? v : fallback);

/** The body of "run matching": every choice spelled out, so the run says what it used. */
export function toRunSettings(d: SettingsDraft): RunSettings {
  const r = d.rules;
  return {
    objective: d.objective,
    maximiseMatches: d.maximiseMatches,
    weights: d.weights,
    rules: {
      reportingLine: { enabled: on(r.reportingLine), depth: Math.max(1, num(r.reportingLineDepth, 3)) },
      jobLevel: { enabled: on(r.jobLevel), gap: num(r.jobLevelGap, 1) },
      language: { enabled: on(r.language) },
      overlap: { enabled: on(r.overlap), minHours: num(r.overlapMinHours, 2) },
      pastPairs: { enabled: on(r.pastPairs) },
      differentDepartment: { enabled: on(r.differentDepartment) },
      minScore: Math.min(1, Math.max(0, num(r.minScore, 0))),
    },
  };
}

export const objectiveLabels: Record<string, string> = {
  total: 'Best overall',
  max_total: 'Best overall',
  fairest: 'Fairest',
  stable: 'Stable',
};

/** "82%" from a score in [0, 1]. */
export const percent = (x: number | null | undefined) =>
  x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;

/** "+4 pts" / "−3 pts" for a change of score in [0, 1]. */
export function points(delta: number | null): string {
  if (delta === null) return '—';
  const p = Math.round(delta * 100);
  if (p === 0) return 'no change';
  return `${p > 0 ? '+' : '−'}${Math.abs(p)} pts`;
}

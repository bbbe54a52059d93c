// Numbers of a run in words.
import { objectiveWords } from '../../../components/matching-words';

/** The objective's name, for a run's objective (the engine's names). */
export const objectiveLabel = (objective: string) =>
  objectiveWords[objective as keyof typeof objectiveWords]?.label ?? objective;

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

// The plain input of the survival functions: one entry per person, in parallel arrays
// (typed arrays where the data is large). Times are in any unit (days for retention).

export interface SurvivalData {
  /** Follow-up time from the common origin to the event or to censoring. */
  time: ArrayLike<number>;
  /** 1 where the event (leaving) was seen, 0 where follow-up ended first (censored). */
  event: ArrayLike<number>;
  /** Case weights (matching weights); 1 each when absent. */
  weight?: ArrayLike<number>;
  /** Stratum codes (matched sets); one stratum when absent. */
  stratum?: ArrayLike<number>;
  /**
   * How many identical people each row stands for (1 each when absent), so the database
   * can send one row per cell, group, day and outcome instead of one per person. Results
   * are exactly those of the expanded data, ties included.
   */
  count?: ArrayLike<number>;
}

/** The number of people row i stands for. */
export function countOf(data: Pick<SurvivalData, 'count'>, i: number): number {
  return data.count ? (data.count[i] as number) : 1;
}

/** Indices of the people with positive weight, ordered by stratum and then by time. */
export function orderByStratumAndTime(data: SurvivalData): Uint32Array {
  const { time, stratum, weight, count } = data;
  const kept: number[] = [];
  for (let i = 0; i < time.length; i++) {
    if (
      (weight === undefined || (weight[i] as number) > 0) &&
      (count === undefined || (count[i] as number) > 0)
    ) {
      kept.push(i);
    }
  }
  const order = Uint32Array.from(kept);
  order.sort((a, b) => {
    if (stratum) {
      const s = (stratum[a] as number) - (stratum[b] as number);
      if (s !== 0) return s;
    }
    return (time[a] as number) - (time[b] as number);
  });
  return order;
}

/** Checks the parallel arrays agree in length and hold usable values; throws a RangeError naming the field. */
export function assertSurvivalData(data: SurvivalData): void {
  const n = data.time.length;
  if (data.event.length !== n) throw new RangeError('event: must have one entry per time');
  if (data.weight && data.weight.length !== n) throw new RangeError('weight: must have one entry per time');
  if (data.stratum && data.stratum.length !== n)
    throw new RangeError('stratum: must have one entry per time');
  for (let i = 0; i < n; i++) {
    const t = data.time[i] as number;
    if (!(t >= 0) || !Number.isFinite(t))
      throw new RangeError(`time: entry ${i} must be a finite number >= 0`);
    const e = data.event[i] as number;
    if (e !== 0 && e !== 1) throw new RangeError(`event: entry ${i} must be 0 or 1`);
    if (data.count) {
      const c = data.count[i] as number;
      if (!Number.isInteger(c) || c < 0) throw new RangeError(`count: entry ${i} must be an integer >= 0`);
    }
    if (data.weight) {
      const w = data.weight[i] as number;
      if (!(w >= 0) || !Number.isFinite(w))
        throw new RangeError(`weight: entry ${i} must be a finite number >= 0`);
    }
  }
}

// Dates as HR exports write them. ISO and dotted dates say what they are; a slashed
// date such as 01/02/2020 is read as day first or month first for the whole file,
// decided by a value that can only be one (13/02/2020), or chosen by the admin.
import { DateTime } from 'luxon';
import { z } from 'zod';

export const dateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof dateFormats)[number];
export const dateFormatSchema = z.enum(dateFormats);

const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** What one value says about the file's slashed dates. */
export function slashOrderOf(value: string): 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'either' | null {
  const m = slashed.exec(value.trim());
  if (!m) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  if (a > 12 && b <= 12) return 'DD/MM/YYYY';
  if (b > 12 && a <= 12) return 'MM/DD/YYYY';
  return 'either';
}

/** Decides the order of slashed dates from the values seen; `null` while none decides it. */
export class SlashOrder {
  private found: 'DD/MM/YYYY' | 'MM/DD/YYYY' | null = null;
  slashed = false;
  see(value: string): void {
    const order = slashOrderOf(value);
    if (order === null) return;
    this.slashed = true;
    if (order !== 'either') this.found ??= order;
  }
  get order() {
    return this.found;
  }
}

function ymdOf(v: string, slash: 'DD/MM/YYYY' | 'MM/DD/YYYY' | null): [number, number, number] | null {
  const isoParts = iso.exec(v);
  if (isoParts) return [Number(isoParts[1]), Number(isoParts[2]), Number(isoParts[3])];
  const dots = dotted.exec(v);
  if (dots) return [Number(dots[3]), Number(dots[2]), Number(dots[1])];
  const slashes = slash ? slashed.exec(v) : null;
  if (!slashes) return null;
  const [a, b, y] = [Number(slashes[1]), Number(slashes[2]), Number(slashes[3])];
  return slash === 'DD/MM/YYYY' ? [y, b, a] : [y, a, b];
}

/**
 * A date cell as YYYY-MM-DD, or the text unchanged when it is in no known shape (the
 * row check then names it). `slash` is the file's order for slashed dates.
 */
export function toIsoDate(value: string, slash: 'DD/MM/YYYY' | 'MM/DD/YYYY' | null): string {
  const v = value.trim();
  const ymd = ymdOf(v, slash);
  if (!ymd) return v;
  const [y, m, d] = ymd;
  const date = DateTime.fromObject({ year: y, month: m, day: d });
  return date.isValid ? (date.toISODate() as string) : v;
}

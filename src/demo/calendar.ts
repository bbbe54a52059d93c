// The demo's calendar, counted from the day it is seeded so that its story never goes stale:
// a closed pilot that started about twenty months earlier, and four programmes enrolling now
// whose cohorts start on Mondays from ten weeks ahead. Seeded on 2026-11-01 it gives the dates
// the demo was first written with (pilot 2025-03-03 to 2025-08-29, cohorts from 2027-01-11).
import { DateTime } from 'luxon';

export interface Cohort {
  cohortStart: string;
  cohortEnd: string;
}

export interface DemoCalendar {
  /** The day the demo is seeded (UTC), the reference for hire and leave dates. */
  today: string;
  pilot: { start: string; end: string };
  reverse: Cohort;
  conventional: Cohort;
  mutual: Cohort;
  peer: Cohort;
  /** The names that carry a year: the reverse programme enrolling, the one under way, the pilot. */
  names: { reverse: string; underWay: string; pilot: string };
}

/** How long the reverse programme under way has been running when the demo is seeded. */
export const underWayDays = 91;

const dayOf = (d: DateTime) => d.toISODate() as string;

function cohort(start: DateTime, days: number): Cohort {
  return { cohortStart: dayOf(start), cohortEnd: dayOf(start.plus({ days })) };
}

/** The calendar of a demo seeded on `today` (an ISO date, UTC). */
export function demoCalendar(today: string): DemoCalendar {
  const day = DateTime.fromISO(today, { zone: 'utc' }).startOf('day');
  if (!day.isValid) throw new Error(`not a date: ${today}`);
  // The first Monday at least ten weeks ahead (weekday 1 is Monday).
  const ahead = day.plus({ weeks: 10 });
  const first = ahead.plus({ days: (8 - ahead.weekday) % 7 });
  // The pilot's Monday about twenty months back.
  const back = day.minus({ days: 608 });
  const pilotStart = back.minus({ days: back.weekday - 1 });
  const underWayYear = day.minus({ days: underWayDays }).year;
  return {
    today: dayOf(day),
    pilot: { start: dayOf(pilotStart), end: dayOf(pilotStart.plus({ days: 179 })) },
    reverse: cohort(first, 170),
    conventional: cohort(first.plus({ weeks: 1 }), 255),
    mutual: cohort(first.plus({ weeks: 3 }), 180),
    peer: cohort(first.plus({ weeks: 5 }), 165),
    names: {
      reverse: `Reverse Mentoring ${first.year}: Digital Leadership`,
      underWay: `Reverse Mentoring ${underWayYear}: Digital Confidence`,
      pilot: `Reverse Mentoring Pilot ${pilotStart.year}`,
    },
  };
}

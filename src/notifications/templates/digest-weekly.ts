import { defineTemplate } from './template.js';

/** Counts and state only: new pairs, pending answers, quiet pairs, meetings held, closes. */
export const digestWeekly = defineTemplate<{ organisation: string; weekOf: string; lines: string[] }>({
  label: 'Weekly digest (managers)',
  optional: true,
  render: (d) => ({
    subject: `Mentoring this week at ${d.organisation} (week of ${d.weekOf})`,
    heading: `Mentoring this week at ${d.organisation}`,
    paragraphs: [d.lines.length ? 'Your active programmes this week:' : 'No programme is active this week.'],
    ...(d.lines.length ? { list: { caption: `Week of ${d.weekOf}`, items: d.lines } } : {}),
    action: { href: '/programmes', label: 'Open the programmes' },
  }),
});

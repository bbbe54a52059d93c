// The journey of a relationship as one list of dated moments, oldest first.

import { personAt } from '../parties';
import type { Agreement, LearningEntry, Meeting, Relationship } from '../types';
import { firstName } from './words';

export interface Moment {
  /** Unique within one timeline. */
  key: string;
  at: string;
  kind: 'matched' | 'accepted' | 'agreed' | 'met' | 'planned' | 'cancelled' | 'learned' | 'closed';
  text: string;
}

export function buildTimeline(
  rel: Relationship,
  input: { agreement?: Agreement | null; meetings?: Meeting[]; learning?: LearningEntry[] },
): Moment[] {
  const out: Moment[] = [
    { key: 'matched', at: rel.createdAt, kind: 'matched', text: 'Matched by the programme' },
  ];
  if (rel.acceptedAt)
    out.push({ key: 'accepted', at: rel.acceptedAt, kind: 'accepted', text: 'You both said yes' });
  const a = input.agreement;
  if (a?.agreed && a.mentorSignedAt && a.menteeSignedAt) {
    // ISO timestamps: the later one sorts last.
    const at = a.mentorSignedAt.localeCompare(a.menteeSignedAt) > 0 ? a.mentorSignedAt : a.menteeSignedAt;
    out.push({ key: 'agreed', at, kind: 'agreed', text: 'Agreement signed by both' });
  }
  for (const m of input.meetings ?? []) {
    if (m.status === 'held')
      out.push({ key: `meeting:${m.id}`, at: m.startsAt, kind: 'met', text: `Met: ${m.agenda.title}` });
    else if (m.status === 'scheduled')
      out.push({
        key: `meeting:${m.id}`,
        at: m.startsAt,
        kind: 'planned',
        text: `Planned: ${m.agenda.title}`,
      });
    else {
      const who =
        m.cancelledBy === 'mentor' || m.cancelledBy === 'mentee'
          ? ` by ${firstName(personAt(rel, m.cancelledBy).name)}`
          : m.cancelledBy === 'manager'
            ? ' by the programme'
            : '';
      out.push({
        key: `meeting:${m.id}`,
        at: m.cancelledAt ?? m.startsAt,
        kind: 'cancelled',
        text: `Meeting cancelled${who}`,
      });
    }
  }
  for (const l of input.learning ?? []) {
    if (!l.learnerSide) continue;
    const who = firstName(personAt(rel, l.learnerSide === 'mentor' ? 'mentor' : 'mentee').name);
    out.push({
      key: `learning:${l.id}`,
      at: l.createdAt,
      kind: 'learned',
      text: `${who} learned${l.topic ? ` (${l.topic})` : ''}: ${l.body}`,
    });
  }
  if (rel.closedAt)
    out.push({ key: 'closed', at: rel.closedAt, kind: 'closed', text: 'Relationship closed' });
  return out.sort((x, y) => x.at.localeCompare(y.at));
}

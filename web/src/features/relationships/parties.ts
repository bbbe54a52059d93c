// Who is who in a relationship, from the viewer's side (used by the relationship screens
// and the participant's home).
import type { PartyPerson, Relationship } from './types';

/** A pair's column. */
type Side = 'mentor' | 'mentee';

export const otherSide = (side: Side): Side => (side === 'mentor' ? 'mentee' : 'mentor');

/**
 * Me, my partner and our sides, from the viewer's point of view. In a circle the
 * "partner" is the circle itself (its name), so the shared cards read naturally.
 */
export function partiesOf(rel: Relationship) {
  const mySide: Side = rel.mySide ?? (rel.myRole === 'mentor' ? 'mentor' : 'mentee');
  const partnerSide = otherSide(mySide);
  return {
    mySide,
    partnerSide,
    me: personAt(rel, mySide),
    partner: rel.format === 'circle' ? personAt(rel, 'mentee') : personAt(rel, partnerSide),
  };
}

/** The person in a pair's column (a circle has no mentee column: its name stands in). */
export function personAt(rel: Relationship, side: Side): PartyPerson {
  if (side === 'mentor') return rel.mentor;
  return (
    rel.mentee ?? {
      id: rel.id,
      name: rel.name ?? 'your circle',
      jobTitle: null,
      department: null,
      timeZone: 'UTC',
    }
  );
}

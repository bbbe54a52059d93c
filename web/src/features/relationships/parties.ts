// Who is who in a relationship, from the viewer's side (used by the relationship screens
// and the participant's home).
import type { Relationship, Side } from './types';

export const otherSide = (side: Side): Side => (side === 'mentor' ? 'mentee' : 'mentor');

/** Me, my partner and our sides, from the viewer's point of view. */
export function partiesOf(rel: Relationship) {
  const mySide: Side = rel.myRole ?? 'mentee';
  const partnerSide = otherSide(mySide);
  return { mySide, partnerSide, me: rel[mySide], partner: rel[partnerSide] };
}

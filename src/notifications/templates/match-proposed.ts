import { defineTemplate } from './template.js';

export const matchProposed = defineTemplate<{
  relationshipId: string;
  programmeName: string;
  partnerName: string;
  /** The recipient's place: a pair's side, one of two peers, or a circle's facilitator or member (partnerName is then the circle). */
  role: 'mentor' | 'mentee' | 'peer' | 'facilitator' | 'member';
  reasons: string[];
}>({
  label: 'A match is proposed to you',
  optional: true,
  render: (d) => ({
    subject: `${d.programmeName}: you have been matched with ${d.partnerName}`,
    heading: 'You have a proposed match',
    paragraphs: [
      {
        mentor: `You are proposed as the mentor of ${d.partnerName} in ${d.programmeName}.`,
        mentee: `${d.partnerName} is proposed as your mentor in ${d.programmeName}.`,
        peer: `You and ${d.partnerName} are proposed as peers in ${d.programmeName}: each of you teaches and learns.`,
        facilitator: `You are proposed as a facilitator of ${d.partnerName} in ${d.programmeName}.`,
        member: `You are proposed as a member of ${d.partnerName} in ${d.programmeName}.`,
      }[d.role],
      d.role === 'mentor' || d.role === 'mentee' || d.role === 'peer'
        ? 'Accept or decline in Twoway; the match starts once you both accept.'
        : 'Accept or decline in Twoway; the circle starts once its facilitators and enough members accept.',
    ],
    ...(d.reasons.length ? { list: { caption: 'Why you two', items: d.reasons } } : {}),
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Answer the proposed match in Twoway' },
  }),
});

// A circle's own cards: who is in it (and why matching placed each member), each
// person's answer to the proposal, and the agreement everyone signs.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { TextArea } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useSaveAgreement, useSignAgreement } from '../api/agreement';
import { useRespondToMatch } from '../api/relationships';
import type { Agreement, Relationship, Role } from '../types';

const roleWords: Record<Role, string> = {
  facilitator: 'Facilitator',
  member: 'Member',
  peer: 'Peer',
  mentor: 'Mentor',
  mentee: 'Mentee',
};
const answerWords = { pending: 'Not answered yet', accepted: 'Accepted', declined: 'Declined' } as const;
const answerTones = { pending: 'warning', accepted: 'success', declined: 'neutral' } as const;

/** Everyone in the circle with their place and answer; a member sees who is in it, nothing of theirs. */
export function CircleMembersCard({ relationship }: { relationship: Relationship }) {
  return (
    <Card title={`Who is in ${relationship.name ?? 'this circle'}`}>
      <ul className="circle-members" aria-label="Circle members">
        {relationship.members.map((m) => (
          <li key={m.id}>
            <strong>{m.name}</strong> · {roleWords[m.role]}
            {m.jobTitle ? <span className="muted small"> · {m.jobTitle}</span> : null}{' '}
            <Badge tone={answerTones[m.response]}>{answerWords[m.response]}</Badge>
            {m.fit?.reasons.length ? (
              <ul className="reasons small">
                {m.fit.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {relationship.minMembers ? (
        <p className="small muted">
          It starts once its facilitators and at least {relationship.minMembers} members accept.
        </p>
      ) : null}
    </Card>
  );
}

/** My answer to a place in the circle. */
export function CircleProposal({ relationship }: { relationship: Relationship }) {
  const rel = relationship;
  const respond = useRespondToMatch();
  const [answered, setAnswered] = useState(false);
  return (
    <Card title={`Your place in ${rel.name ?? 'the circle'}`}>
      {rel.myRole && !answered ? (
        <div className="actions">
          <Button
            busy={respond.isPending}
            onClick={() =>
              respond.mutate(
                { id: rel.id, response: 'accept', version: rel.version },
                { onSuccess: () => setAnswered(true) },
              )
            }
          >
            Accept my place
          </Button>
          <Button
            variant="secondary"
            busy={respond.isPending}
            onClick={() =>
              respond.mutate(
                { id: rel.id, response: 'decline', version: rel.version },
                { onSuccess: () => setAnswered(true) },
              )
            }
          >
            Decline
          </Button>
        </div>
      ) : (
        <p className="small">You have answered. The circle starts once enough people accept.</p>
      )}
      {respond.error ? <Alert title="Not saved">{messageOf(respond.error)}</Alert> : null}
    </Card>
  );
}

/** The circle's agreement: drafted by anyone in it, signed by everyone. */
export function CircleAgreementCard({
  relationship,
  agreement,
}: {
  relationship: Relationship;
  agreement: Agreement | null | undefined;
}) {
  const rel = relationship;
  const save = useSaveAgreement();
  const sign = useSignAgreement();
  const [goals, setGoals] = useState('');
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const lines = goals
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean);
    save.mutate({
      id: rel.id,
      goals: [
        ...lines.map((text) => ({ learner: 'mentee' as const, text })),
        // In a two-way programme the facilitators learn too.
        ...(rel.programmeKind === 'mutual'
          ? lines.map((text) => ({ learner: 'mentor' as const, text }))
          : []),
      ],
      cadence: 'monthly',
      channel: 'video',
      durationMonths: 6,
      ...(agreement ? { version: agreement.version } : {}),
    });
  };
  const names = new Map(rel.members.map((m) => [m.id, m.name]));
  return (
    <Card title="Circle agreement">
      {agreement ? (
        <div className="stack">
          <ul>
            {agreement.goals.map((g) => (
              <li key={`${g.learner}:${g.text}`}>{g.text}</li>
            ))}
          </ul>
          <ul className="signatures" aria-label="Signatures">
            {agreement.signatures.map((s) => (
              <li key={s.personId}>
                <Badge tone={s.signedAt ? 'success' : 'warning'}>
                  {s.signedAt ? 'Signed' : 'Not signed yet'}
                </Badge>{' '}
                {names.get(s.personId) ?? ''}
                {s.signedAt ? <span className="muted small"> on {formatDate(s.signedAt)}</span> : null}
              </li>
            ))}
          </ul>
          {agreement.agreed ? (
            <p className="small">Everyone has signed: plan your meetings.</p>
          ) : (
            <Button
              busy={sign.isPending}
              onClick={() => sign.mutate({ id: rel.id, version: agreement.version })}
            >
              Sign the agreement
            </Button>
          )}
          {sign.error ? <Alert title="Not signed">{messageOf(sign.error)}</Alert> : null}
        </div>
      ) : (
        <form className="stack" aria-label="Draft the circle agreement" onSubmit={submit}>
          <TextArea
            label="What the circle wants to learn (one goal per line)"
            rows={3}
            value={goals}
            onChange={(e) => setGoals(e.target.value)}
            error={errors.goals}
          />
          {save.error ? <Alert title="Not saved">{messageOf(save.error)}</Alert> : null}
          <div>
            <Button type="submit" busy={save.isPending}>
              Save the agreement
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

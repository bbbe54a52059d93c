// A proposed match: who, why (the matching engine's plain-language reasons), and accept or decline.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { TextArea } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useMyDeclineReason, useRespondToMatch } from '../api/relationships';
import { partiesOf } from '../parties';
import type { Relationship, Response } from '../types';
import { firstName } from './words';

const responseWords: Record<Response, string> = {
  pending: 'has not answered yet',
  accepted: 'accepted',
  declined: 'declined',
};

export function MatchProposal({ relationship }: { relationship: Relationship }) {
  const rel = relationship;
  const { mySide, partnerSide, partner } = partiesOf(rel);
  const respond = useRespondToMatch();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const fields = fieldErrorsOf(respond.error);
  const mine = rel[`${mySide}Response`];
  const theirs = rel[`${partnerSide}Response`];
  const myReason = useMyDeclineReason(rel.id, mine === 'declined');

  function decline(e: FormEvent) {
    e.preventDefault();
    respond.mutate({
      id: rel.id,
      response: 'decline',
      reason: reason.trim() || undefined,
      version: rel.version,
    });
  }

  return (
    <Card title={`You have been matched with ${partner.name}`} className="proposal">
      <div className="proposal__person">
        <span className="avatar" aria-hidden="true">
          {partner.name
            .split(/\s+/)
            .slice(0, 2)
            .map((w) => w[0])
            .join('')}
        </span>
        <div>
          <p className="proposal__name">{partner.name}</p>
          <p className="muted small">
            {[partner.jobTitle, partner.department].filter(Boolean).join(' · ')}
            {partner.timeZone ? ` · ${partner.timeZone}` : ''}
          </p>
          <p className="small">
            {rel.format === 'peer' ? (
              <>
                You would be <strong>peers</strong>: you both teach and learn.
              </>
            ) : (
              <>
                {firstName(partner.name)} would be your <strong>{partnerSide}</strong>; you would be the{' '}
                {mySide}.
              </>
            )}
          </p>
        </div>
      </div>
      {rel.score?.reasons.length ? (
        <>
          <h3 className="card__subtitle">Why you two</h3>
          <ul className="why-list">
            {rel.score.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="small">
        <Badge tone={mine === 'accepted' ? 'success' : mine === 'declined' ? 'neutral' : 'warning'}>
          You {mine === 'pending' ? 'have not answered' : mine}
        </Badge>{' '}
        <Badge tone={theirs === 'accepted' ? 'success' : 'neutral'}>
          {firstName(partner.name)} {responseWords[theirs]}
        </Badge>
      </p>
      {respond.error && !fields.reason ? (
        <Alert title="Your answer was not saved">{messageOf(respond.error)}</Alert>
      ) : null}
      {mine === 'pending' && rel.status === 'proposed' ? (
        declining ? (
          <form onSubmit={decline} className="stack stack--tight" noValidate>
            <TextArea
              label="Why not? (optional)"
              hint="Only the programme manager sees this, to find you a better match. Your match is never shown it."
              rows={3}
              maxLength={2000}
              value={reason}
              error={fields.reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <div className="actions">
              <Button type="submit" variant="danger" busy={respond.isPending}>
                Decline this match
              </Button>
              <Button variant="ghost" onClick={() => setDeclining(false)}>
                Back
              </Button>
            </div>
          </form>
        ) : (
          <div className="actions">
            <Button
              busy={respond.isPending}
              onClick={() => respond.mutate({ id: rel.id, response: 'accept', version: rel.version })}
            >
              Accept the match
            </Button>
            <Button variant="secondary" onClick={() => setDeclining(true)}>
              Decline…
            </Button>
          </div>
        )
      ) : mine === 'declined' ? (
        <Alert kind="info" title="You declined this match">
          {myReason.data?.reason ? (
            <>Your reason, which only the programme manager reads: “{myReason.data.reason}”</>
          ) : (
            'You gave no reason.'
          )}
        </Alert>
      ) : mine === 'accepted' ? (
        <Alert kind="info">
          You accepted. Once {firstName(partner.name)} accepts too, you will agree how you work together.
        </Alert>
      ) : null}
    </Card>
  );
}

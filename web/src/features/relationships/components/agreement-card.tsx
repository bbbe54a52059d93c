// The mentoring agreement: drafted by either person, signed by both before the first meeting.
// Goals (both directions in two-way programmes), cadence, channel, duration, the charter;
// in reverse programmes the senior side's no-retaliation pledge and the junior mentor's
// confidential contact.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField, TextArea, TextField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useAgreement, useContactOptions, useSaveAgreement, useSignAgreement } from '../api/agreement';
import { partiesOf, personAt } from '../parties';
import type { Agreement, AgreementInput, Cadence, Channel, Relationship } from '../types';
import { cadenceLabels, channelLabels, firstName } from './words';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function AgreementForm({
  relationship,
  agreement,
  onDone,
}: {
  relationship: Relationship;
  agreement: Agreement | null;
  onDone: () => void;
}) {
  const rel = relationship;
  const kind = rel.programmeKind ?? 'conventional';
  const save = useSaveAgreement();
  const contacts = useContactOptions(rel.id, kind === 'reverse');
  const fields = fieldErrorsOf(save.error);
  const goalText = (learner: 'mentee' | 'mentor') =>
    (agreement?.goals ?? [])
      .filter((g) => g.learner === learner)
      .map((g) => g.text)
      .join('\n');
  const [menteeGoals, setMenteeGoals] = useState(goalText('mentee'));
  const [mentorGoals, setMentorGoals] = useState(goalText('mentor'));
  const [cadence, setCadence] = useState<Cadence>(agreement?.cadence ?? 'fortnightly');
  const [channel, setChannel] = useState<Channel>(agreement?.channel ?? 'video');
  const [durationMonths, setDurationMonths] = useState(String(agreement?.durationMonths ?? 6));
  const [meetingMinutes, setMeetingMinutes] = useState(String(agreement?.meetingMinutes ?? 60));
  const [contactId, setContactId] = useState(agreement?.confidentialContact?.id ?? '');

  const goalError = Object.entries(fields).find(([k]) => k === 'goals' || k.startsWith('goals.'))?.[1];

  function submit(e: FormEvent) {
    e.preventDefault();
    const input: AgreementInput = {
      goals: [
        ...lines(menteeGoals).map((text) => ({ learner: 'mentee' as const, text })),
        ...(kind === 'mutual'
          ? lines(mentorGoals).map((text) => ({ learner: 'mentor' as const, text }))
          : []),
      ],
      cadence,
      channel,
      durationMonths: Number(durationMonths),
      meetingMinutes: Number(meetingMinutes),
      ...(kind === 'reverse' ? { confidentialContactId: contactId || null } : {}),
      ...(agreement ? { version: agreement.version } : {}),
    };
    save.mutate({ id: rel.id, ...input }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Mentoring agreement">
      {save.error ? (
        <Alert title="The agreement was not saved">
          {Object.keys(fields).length
            ? 'Some answers need another look; the problems are marked below.'
            : messageOf(save.error)}
        </Alert>
      ) : null}
      <TextArea
        label={
          kind === 'mutual'
            ? `What ${personAt(rel, 'mentee').name} wants to learn (one goal per line)`
            : 'Goals: what the mentee wants to learn (one per line)'
        }
        hint="Concrete and in your own words, e.g. “Run a team channel on our chat tool with confidence”."
        rows={3}
        value={menteeGoals}
        error={kind === 'mutual' ? undefined : goalError}
        onChange={(e) => setMenteeGoals(e.target.value)}
      />
      {kind === 'mutual' ? (
        <TextArea
          label={`What ${rel.mentor.name} wants to learn (one goal per line)`}
          hint="Two-way mentoring: both of you learn, so both directions have goals."
          rows={3}
          value={mentorGoals}
          error={goalError}
          onChange={(e) => setMentorGoals(e.target.value)}
        />
      ) : null}
      <div className="form-row">
        <SelectField
          label="How often you meet"
          value={cadence}
          error={fields.cadence}
          onChange={(e) => setCadence(e.target.value as Cadence)}
        >
          {Object.entries(cadenceLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="How you meet"
          value={channel}
          error={fields.channel}
          onChange={(e) => setChannel(e.target.value as Channel)}
        >
          {Object.entries(channelLabels).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <TextField
          label="For how many months"
          type="number"
          min={1}
          max={36}
          value={durationMonths}
          error={fields.durationMonths}
          onChange={(e) => setDurationMonths(e.target.value)}
        />
        <TextField
          label="Minutes per meeting"
          type="number"
          min={15}
          max={240}
          step={15}
          value={meetingMinutes}
          error={fields.meetingMinutes}
          onChange={(e) => setMeetingMinutes(e.target.value)}
        />
      </div>
      {kind === 'reverse' ? (
        <SelectField
          label={`Confidential contact for ${rel.mentor.name} (the mentor)`}
          hint="Someone outside this pair the junior mentor can turn to in confidence if anything feels wrong."
          value={contactId}
          error={fields.confidentialContactId}
          onChange={(e) => setContactId(e.target.value)}
        >
          <option value="">{contacts.isPending ? 'Loading…' : 'Choose a person…'}</option>
          {(contacts.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.role})
            </option>
          ))}
        </SelectField>
      ) : null}
      <p className="small muted">
        Saving changes clears both signatures: you both sign the version you agreed.
      </p>
      <div className="actions">
        <Button type="submit" busy={save.isPending}>
          {agreement ? 'Save changes' : 'Save the agreement'}
        </Button>
        {agreement ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

export function AgreementView({
  relationship,
  agreement,
}: {
  relationship: Relationship;
  agreement: Agreement;
}) {
  const rel = relationship;
  const a = agreement;
  const { mySide, partner } = partiesOf(rel);
  const sign = useSignAgreement();
  const iSigned = Boolean(mySide === 'mentor' ? a.mentorSignedAt : a.menteeSignedAt);
  const theySigned = Boolean(mySide === 'mentor' ? a.menteeSignedAt : a.mentorSignedAt);
  const goalsFor = (learner: 'mentee' | 'mentor') => a.goals.filter((g) => g.learner === learner);
  return (
    <div className="stack">
      <div className={rel.programmeKind === 'mutual' ? 'grid grid--two' : ''}>
        {(rel.programmeKind === 'mutual' ? (['mentee', 'mentor'] as const) : (['mentee'] as const)).map(
          (learner) => (
            <div key={learner}>
              <h3 className="card__subtitle">
                {rel.programmeKind === 'mutual' ? `${personAt(rel, learner).name} learns` : 'Goals'}
              </h3>
              <ul>
                {goalsFor(learner).map((g) => (
                  <li key={g.text}>{g.text}</li>
                ))}
              </ul>
            </div>
          ),
        )}
      </div>
      <dl className="summary">
        <div>
          <dt>Meet</dt>
          <dd>
            {cadenceLabels[a.cadence]}, {a.meetingMinutes} minutes, {channelLabels[a.channel].toLowerCase()}
          </dd>
        </div>
        <div>
          <dt>For</dt>
          <dd>{a.durationMonths} months</dd>
        </div>
        {a.confidentialContact ? (
          <div>
            <dt>Confidential contact</dt>
            <dd>
              {a.confidentialContact.name}{' '}
              <span className="muted small">for {firstName(rel.mentor.name)}, the mentor</span>
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="charter" open={!iSigned}>
        <summary>Confidentiality charter</summary>
        <div className="charter__text">{a.charter}</div>
      </details>
      {a.noRetaliationPledge ? (
        <blockquote className="pledge">
          <p className="pledge__title">No-retaliation pledge, by {personAt(rel, 'mentee').name}</p>
          <p>{a.noRetaliationPledge}</p>
        </blockquote>
      ) : null}
      <ul className="signatures" aria-label="Signatures">
        {(['mentor', 'mentee'] as const).map((side) => {
          const at = side === 'mentor' ? a.mentorSignedAt : a.menteeSignedAt;
          return (
            <li key={side}>
              <Badge tone={at ? 'success' : 'warning'}>{at ? 'Signed' : 'Not signed yet'}</Badge>{' '}
              {personAt(rel, side).name}
              {at ? <span className="muted small"> on {formatDate(at)}</span> : null}
            </li>
          );
        })}
      </ul>
      {sign.error ? <Alert title="Not signed">{messageOf(sign.error)}</Alert> : null}
      {!iSigned && (rel.status === 'active' || rel.status === 'paused') ? (
        <div className="sign-box">
          <p>
            By signing you agree to the goals and terms above and to the charter
            {a.noRetaliationPledge && mySide === 'mentee' ? ', and you make the no-retaliation pledge' : ''}.
          </p>
          <Button busy={sign.isPending} onClick={() => sign.mutate({ id: rel.id, version: a.version })}>
            Sign the agreement
          </Button>
        </div>
      ) : !theySigned ? (
        <p className="muted">Waiting for {firstName(partner.name)} to sign.</p>
      ) : null}
    </div>
  );
}

export function AgreementCard({ relationship }: { relationship: Relationship }) {
  const agreement = useAgreement(relationship.id);
  const [editing, setEditing] = useState(false);
  const live = relationship.status === 'active' || relationship.status === 'paused';
  const title = 'Mentoring agreement';
  if (agreement.isPending)
    return (
      <Card title={title}>
        <Loading />
      </Card>
    );
  if (agreement.isError)
    return (
      <Card title={title}>
        <ErrorState error={agreement.error} retry={() => agreement.refetch()} />
      </Card>
    );
  const a = agreement.data;
  return (
    <Card
      title={title}
      className="agreement"
      actions={
        a && live && !editing ? (
          <Button variant="ghost" size="small" onClick={() => setEditing(true)}>
            Change
          </Button>
        ) : a?.agreed ? (
          <Badge tone="success">Agreed</Badge>
        ) : null
      }
    >
      {!a && !live ? (
        <p className="muted">No agreement was made.</p>
      ) : !a || editing ? (
        <>
          {!a ? (
            <p>
              Before your first meeting, agree what you want from this and how you will work, then both sign.
              Either of you can draft it.
            </p>
          ) : null}
          <AgreementForm relationship={relationship} agreement={a} onDone={() => setEditing(false)} />
        </>
      ) : (
        <AgreementView relationship={relationship} agreement={a} />
      )}
    </Card>
  );
}

// Pause, resume and close; after closing, each person's reflection.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { CheckboxField, Fieldset, TextArea } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useReflect, useReflections, useTransitionRelationship } from '../api/relationships';
import { partiesOf } from '../parties';
import type { Reflection, Relationship } from '../types';
import { firstName } from './words';

export function StatusActions({ relationship }: { relationship: Relationship }) {
  const rel = relationship;
  const move = useTransitionRelationship();
  if (rel.status !== 'active' && rel.status !== 'paused') return null;
  return (
    <div className="stack stack--tight">
      <div className="actions">
        {rel.status === 'active' ? (
          <ConfirmButton
            variant="secondary"
            question="Pause this relationship? Meetings stop until one of you resumes it."
            confirmLabel="Pause"
            busy={move.isPending}
            onConfirm={() => move.mutate({ id: rel.id, to: 'paused', version: rel.version })}
          >
            Pause
          </ConfirmButton>
        ) : (
          <Button
            busy={move.isPending}
            onClick={() => move.mutate({ id: rel.id, to: 'active', version: rel.version })}
          >
            Resume
          </Button>
        )}
        <ConfirmButton
          question="Close this relationship? You will each be asked for a reflection. This cannot be undone."
          confirmLabel="Close the relationship"
          busy={move.isPending}
          onConfirm={() => move.mutate({ id: rel.id, to: 'closed', version: rel.version })}
        >
          Close…
        </ConfirmButton>
      </div>
      {move.error ? <Alert>{messageOf(move.error)}</Alert> : null}
    </div>
  );
}

const answers = [
  ['yes', 'Yes'],
  ['maybe', 'Maybe'],
  ['no', 'No'],
] as const;

export function ReflectionCard({ relationship }: { relationship: Relationship }) {
  const rel = relationship;
  const { partner } = partiesOf(rel);
  const reflections = useReflections(rel.id, rel.status === 'closed');
  const reflect = useReflect();
  const [whatChanged, setWhatChanged] = useState('');
  const [again, setAgain] = useState<Reflection['wouldDoAgain'] | ''>('');
  const [swap, setSwap] = useState<Reflection['wouldSwapRoles'] | ''>('');
  const [share, setShare] = useState(true);
  const fields = fieldErrorsOf(reflect.error);
  if (rel.status !== 'closed') return null;

  function submit(e: FormEvent) {
    e.preventDefault();
    reflect.mutate({
      id: rel.id,
      whatChanged,
      wouldDoAgain: (again || undefined) as Reflection['wouldDoAgain'],
      wouldSwapRoles: (swap || undefined) as Reflection['wouldSwapRoles'],
      shareWithPartner: share,
    });
  }

  const mine = reflections.data?.mine;
  return (
    <Card title="Closing reflection" className="reflection">
      {reflections.isPending ? (
        <Loading />
      ) : mine ? (
        <div className="stack stack--tight">
          <p>
            <strong>What changed for you:</strong> {mine.whatChanged}
          </p>
          <p className="small">
            Would do it again: {mine.wouldDoAgain} · Would swap roles: {mine.wouldSwapRoles}
          </p>
          {reflections.data?.partner ? (
            <p>
              <strong>{firstName(partner.name)}:</strong> {reflections.data.partner.whatChanged}
            </p>
          ) : reflections.data?.partnerHasReflected ? (
            <p className="muted small">{firstName(partner.name)} has reflected and kept it to themselves.</p>
          ) : (
            <p className="muted small">{firstName(partner.name)} has not reflected yet.</p>
          )}
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="stack" aria-label="Your reflection">
          <p>This relationship has closed. A few words on what it meant help you, and the next cohort.</p>
          <TextArea
            label="What changed for you?"
            rows={3}
            value={whatChanged}
            error={fields.whatChanged}
            onChange={(e) => setWhatChanged(e.target.value)}
          />
          <Fieldset legend="Would you do it again?" error={fields.wouldDoAgain} className="fieldset--plain">
            <div className="checks-inline">
              {answers.map(([v, l]) => (
                <label key={v} className="check">
                  <input
                    type="radio"
                    name="again"
                    value={v}
                    checked={again === v}
                    onChange={() => setAgain(v)}
                  />
                  {l}
                </label>
              ))}
            </div>
          </Fieldset>
          <Fieldset
            legend="Would you like to swap roles next time?"
            error={fields.wouldSwapRoles}
            className="fieldset--plain"
          >
            <div className="checks-inline">
              {answers.map(([v, l]) => (
                <label key={v} className="check">
                  <input
                    type="radio"
                    name="swap"
                    value={v}
                    checked={swap === v}
                    onChange={() => setSwap(v)}
                  />
                  {l}
                </label>
              ))}
            </div>
          </Fieldset>
          <CheckboxField
            label={`Share my reflection with ${firstName(partner.name)}`}
            checked={share}
            onChange={(e) => setShare(e.target.checked)}
          />
          {reflect.error && !Object.keys(fields).length ? <Alert>{messageOf(reflect.error)}</Alert> : null}
          <div>
            <Button type="submit" busy={reflect.isPending}>
              Save my reflection
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}

// "How is it going?": a light check-in that keeps a long relationship alive without a timer.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Fieldset, TextField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { type Mood, useCheckIn, useCheckIns } from '../api/check-ins';
import { partiesOf } from '../parties';
import type { Relationship } from '../types';
import { firstName } from './words';

const moods: Record<Mood, { label: string; tone: 'success' | 'warning' | 'danger' }> = {
  going_well: { label: 'Going well', tone: 'success' },
  slowing_down: { label: 'Slowing down', tone: 'warning' },
  stuck: { label: 'Stuck', tone: 'danger' },
};

export function CheckInCard({ relationship, writable }: { relationship: Relationship; writable: boolean }) {
  const rel = relationship;
  const { me, partner } = partiesOf(rel);
  const list = useCheckIns(rel.id);
  const send = useCheckIn();
  const [mood, setMood] = useState<Mood | ''>('');
  const [note, setNote] = useState('');
  const fields = fieldErrorsOf(send.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!mood) return;
    send.mutate(
      { id: rel.id, mood, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setMood('');
          setNote('');
        },
      },
    );
  }

  const recent = (list.data ?? []).slice(0, 3);
  return (
    <Card title="How is it going?">
      {recent.length ? (
        <ul className="check-ins">
          {recent.map((c) => (
            <li key={c.id}>
              <Badge tone={moods[c.mood].tone}>{moods[c.mood].label}</Badge>{' '}
              <span className="small muted">
                {c.authorId === me.id ? 'You' : firstName(partner.name)}, {formatDate(c.createdAt)}
              </span>
              {c.note ? <p className="small">{c.note}</p> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">
          A quick word now and then keeps you both on track; {firstName(partner.name)} sees it too.
        </p>
      )}
      {writable ? (
        <form onSubmit={submit} noValidate className="stack stack--tight" aria-label="Check in">
          <Fieldset legend="Right now it is…" error={fields.mood} className="fieldset--plain">
            <div className="checks-inline">
              {(Object.keys(moods) as Mood[]).map((m) => (
                <label key={m} className="check">
                  <input
                    type="radio"
                    name="mood"
                    value={m}
                    checked={mood === m}
                    onChange={() => setMood(m)}
                  />
                  {moods[m].label}
                </label>
              ))}
            </div>
          </Fieldset>
          <TextField
            label="A word on why (optional)"
            value={note}
            error={fields.note}
            onChange={(e) => setNote(e.target.value)}
          />
          {send.error && !Object.keys(fields).length ? <Alert>{messageOf(send.error)}</Alert> : null}
          <div>
            <Button type="submit" variant="secondary" busy={send.isPending} disabled={!mood}>
              Check in
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

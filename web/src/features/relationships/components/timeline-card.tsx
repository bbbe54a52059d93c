// The journey timeline: the relationship's moments, and the life journeys each person chose to share.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField, TextArea, TextField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useAgreement } from '../api/agreement';
import { useMeetings } from '../api/meetings';
import { useAddJourneyEntry, useLearning, useRelationshipJourneys } from '../api/notes';
import { partiesOf } from '../parties';
import type { JourneyEntry, Relationship } from '../types';
import { buildTimeline } from './timeline';
import { firstName } from './words';

const journeyKinds: Record<JourneyEntry['kind'], string> = {
  triumph: 'Triumph',
  struggle: 'Struggle',
  mistake: 'Mistake',
  lesson: 'Lesson',
};

function JourneyForm({ relationshipId, onDone }: { relationshipId: string; onDone: () => void }) {
  const add = useAddJourneyEntry();
  const [kind, setKind] = useState<JourneyEntry['kind']>('triumph');
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const fields = fieldErrorsOf(add.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { kind, year: Number(year), title, ...(body.trim() ? { body } : {}), sharedWith: [relationshipId] },
      { onSuccess: onDone },
    );
  }
  return (
    <form
      onSubmit={submit}
      noValidate
      className="stack stack--tight"
      aria-label="Share a moment of your journey"
    >
      <div className="form-row">
        <SelectField
          label="Kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as JourneyEntry['kind'])}
        >
          {Object.entries(journeyKinds).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Year"
          type="number"
          className="field--narrow"
          value={year}
          error={fields.year}
          onChange={(e) => setYear(e.target.value)}
        />
      </div>
      <TextField
        label="In a few words"
        value={title}
        error={fields.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextArea
        label="The story (optional)"
        rows={2}
        value={body}
        error={fields.body}
        onChange={(e) => setBody(e.target.value)}
      />
      {add.error && !Object.keys(fields).length ? <Alert>{messageOf(add.error)}</Alert> : null}
      <div className="actions">
        <Button type="submit" variant="secondary" busy={add.isPending}>
          Share with this relationship
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function TimelineCard({ relationship, writable }: { relationship: Relationship; writable: boolean }) {
  const rel = relationship;
  const { partner } = partiesOf(rel);
  const agreement = useAgreement(rel.id);
  const meetings = useMeetings(rel.id);
  const learning = useLearning(rel.id);
  const journeys = useRelationshipJourneys(rel.id);
  const [adding, setAdding] = useState(false);
  const moments = buildTimeline(rel, {
    agreement: agreement.data,
    meetings: meetings.data?.meetings,
    learning: learning.data?.entries,
  });
  const shared = [...(journeys.data ?? [])].sort((a, b) => a.year - b.year);
  return (
    <Card
      title="Our journey"
      className="timeline-card"
      actions={
        writable && !adding ? (
          <Button variant="ghost" size="small" onClick={() => setAdding(true)}>
            Share a moment of your journey
          </Button>
        ) : null
      }
    >
      {adding ? <JourneyForm relationshipId={rel.id} onDone={() => setAdding(false)} /> : null}
      {shared.length ? (
        <>
          <h3 className="card__subtitle">Journeys you shared</h3>
          <ul className="journeys">
            {shared.map((j) => (
              <li key={j.id}>
                <span className="journeys__year">{j.year}</span>
                <div>
                  <Badge tone={j.kind === 'triumph' ? 'success' : j.kind === 'lesson' ? 'info' : 'warning'}>
                    {journeyKinds[j.kind]}
                  </Badge>{' '}
                  <strong>{j.title}</strong>{' '}
                  <span className="muted small">({j.mine ? 'you' : firstName(partner.name)})</span>
                  {j.body ? <p className="small">{j.body}</p> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="card__subtitle">Together</h3>
      <ol className="timeline">
        {moments.map((m) => (
          <li key={m.key} className={`timeline__item timeline__item--${m.kind}`}>
            <span className="timeline__dot" aria-hidden="true" />
            <span className="timeline__date">{formatDate(m.at)}</span>
            <span className="timeline__text">{m.text}</span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

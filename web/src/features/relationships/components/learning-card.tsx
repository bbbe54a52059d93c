// The two-way learning log: what each person learned from the other, side by side.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField, TextArea } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useLearning, useLogLearning } from '../api/notes';
import { partiesOf } from '../parties';
import type { LearningEntry, Relationship } from '../types';
import { firstName } from './words';

function Column({ title, entries, empty }: { title: string; entries: LearningEntry[]; empty: string }) {
  return (
    <section className="learning__column" aria-label={title}>
      <h3 className="card__subtitle">
        {title} <span className="muted">({entries.length})</span>
      </h3>
      {entries.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <ul className="learning__list">
          {entries.map((e) => (
            <li key={e.id}>
              <p>{e.body}</p>
              <p className="small muted">
                {e.topic ? <Badge tone="info">{e.topic}</Badge> : null} {formatDate(e.learnedOn)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function LearningCard({
  relationship,
  topics,
  writable,
}: {
  relationship: Relationship;
  topics: { id: string; name: string }[];
  writable: boolean;
}) {
  const rel = relationship;
  const { mySide, partnerSide, partner } = partiesOf(rel);
  const log = useLearning(rel.id);
  const add = useLogLearning();
  const [body, setBody] = useState('');
  const [topicId, setTopicId] = useState('');
  const fields = fieldErrorsOf(add.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { relationshipId: rel.id, body, ...(topicId ? { topicId } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setTopicId('');
        },
      },
    );
  }

  const entries = log.data?.entries ?? [];
  const mine = entries.filter((e) => e.learnerSide === mySide);
  const theirs = entries.filter((e) => e.learnerSide === partnerSide);
  const total = mine.length + theirs.length;
  const myShare = total ? Math.round((mine.length / total) * 100) : 50;

  return (
    <Card title="What we learned from each other" className="learning">
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <ErrorState error={log.error} retry={() => log.refetch()} />
      ) : (
        <>
          {total ? (
            <div
              className="balance"
              role="img"
              aria-label={`Learning balance: you ${mine.length}, ${partner.name} ${theirs.length}`}
            >
              <span className="balance__mine" style={{ width: `${myShare}%` }} />
              <span className="balance__theirs" style={{ width: `${100 - myShare}%` }} />
            </div>
          ) : null}
          {total ? (
            <p className="small muted balance__legend" aria-hidden="true">
              <span className="balance__key balance__key--mine" /> You learned {mine.length}{' '}
              <span className="balance__key balance__key--theirs" /> {firstName(partner.name)} learned{' '}
              {theirs.length}
            </p>
          ) : null}
          <div className="grid grid--two">
            <Column
              title={`You learned from ${firstName(partner.name)}`}
              entries={mine}
              empty="Nothing logged yet."
            />
            <Column
              title={`${firstName(partner.name)} learned from you`}
              entries={theirs}
              empty={`${firstName(partner.name)} has not logged anything yet.`}
            />
          </div>
        </>
      )}
      {writable ? (
        <form onSubmit={submit} noValidate className="stack stack--tight" aria-label="Log what you learned">
          <TextArea
            label={`What did you learn from ${firstName(partner.name)}?`}
            rows={2}
            value={body}
            error={fields.body}
            onChange={(e) => setBody(e.target.value)}
          />
          {topics.length ? (
            <SelectField
              label="Topic (optional)"
              value={topicId}
              error={fields.topicId}
              onChange={(e) => setTopicId(e.target.value)}
            >
              <option value="">No particular topic</option>
              {topics.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {add.error && !fields.body && !fields.topicId ? <Alert>{messageOf(add.error)}</Alert> : null}
          <div>
            <Button type="submit" variant="secondary" busy={add.isPending} disabled={!body.trim()}>
              Log it
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

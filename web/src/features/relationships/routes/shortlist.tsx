// A mentee's shortlist: candidate mentors the rules allow, by topic fit; the mentee ranks up
// to ten, best first, and the ranking counts as their preference in the next matching run.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { Card, PageHeader } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useProgramme } from '../../programmes/api/get-programme';
import { type Candidate, useSaveRanking, useShortlist } from '../api/shortlist';
import '../relationships.css';

const maxRanked = 10;

export function Component() {
  const { programmeId = '' } = useParams();
  const programme = useProgramme(programmeId);
  const shortlist = useShortlist(programmeId);
  const save = useSaveRanking();
  const [ranked, setRanked] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);

  if (shortlist.isPending || programme.isPending) return <Loading label="Finding candidate mentors…" />;
  if (programme.isError) return <ErrorState error={programme.error} retry={() => programme.refetch()} />;
  const header = (
    <PageHeader
      eyebrow={<Link to="/my">← My mentoring</Link>}
      title="Choose your mentors"
      description={`${programme.data.name}: rank up to ${maxRanked} mentors you would like, best first. Matching treats your ranking as a strong preference, not a promise.`}
    />
  );
  if (shortlist.isError)
    return (
      <>
        {header}
        <ErrorState error={shortlist.error} retry={() => shortlist.refetch()} />
      </>
    );
  const data = shortlist.data;
  const order = ranked ?? data.ranking?.mentorIds ?? [];
  const byId = new Map<string, Candidate>(data.candidates.map((c) => [c.personId, c]));
  const change = (next: string[]) => {
    setSaved(false);
    setRanked(next);
  };
  const move = (i: number, by: number) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    if (x) next.splice(i + by, 0, x);
    change(next);
  };
  const fields = fieldErrorsOf(save.error);

  return (
    <>
      {header}
      <div className="grid grid--sidebar-right">
        <Card title="Candidates">
          {data.candidates.length === 0 ? (
            <EmptyState title="No candidates yet">
              <p>As mentors enrol, those the programme’s rules allow appear here.</p>
            </EmptyState>
          ) : (
            <ul className="candidates">
              {data.candidates.map((c) => {
                const position = order.indexOf(c.personId);
                return (
                  <li key={c.personId} className="candidate">
                    <div className="candidate__head">
                      <strong>{c.name}</strong>{' '}
                      <span className="muted small">
                        {[c.jobTitle, c.department].filter(Boolean).join(' · ')}
                      </span>
                    </div>
                    <p className="small">
                      Topic fit {Math.round(c.topicFit * 100)}% ·{' '}
                      {c.offers.map((o) => (
                        <span key={o.topicId}>
                          <Badge tone="info">
                            {o.topic} ({o.proficiency}/5)
                          </Badge>{' '}
                        </span>
                      ))}
                    </p>
                    {position >= 0 ? (
                      <Badge tone="success">Ranked #{position + 1}</Badge>
                    ) : (
                      <Button
                        variant="secondary"
                        size="small"
                        disabled={order.length >= maxRanked}
                        aria-label={`Add ${c.name} to my ranking`}
                        onClick={() => change([...order, c.personId])}
                      >
                        Add to my ranking
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title={`My ranking (${order.length} of ${maxRanked})`}>
          {order.length === 0 ? (
            <p className="muted">Nobody ranked yet. Add the mentors you would most like to learn from.</p>
          ) : (
            <ol className="ranking">
              {order.map((id, i) => {
                const name = byId.get(id)?.name ?? 'A mentor no longer on the shortlist';
                return (
                  <li key={id} className="ranking__item">
                    <span className="ranking__name">{name}</span>
                    <span className="actions actions--tight">
                      <Button
                        variant="ghost"
                        size="small"
                        disabled={i === 0}
                        aria-label={`Move ${name} up`}
                        onClick={() => move(i, -1)}
                      >
                        ↑
                      </Button>
                      <Button
                        variant="ghost"
                        size="small"
                        disabled={i === order.length - 1}
                        aria-label={`Move ${name} down`}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </Button>
                      <Button
                        variant="ghost"
                        size="small"
                        aria-label={`Remove ${name}`}
                        onClick={() => change(order.filter((x) => x !== id))}
                      >
                        Remove
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ol>
          )}
          {save.error ? (
            <Alert title="Your ranking was not saved">{fields.mentorIds ?? messageOf(save.error)}</Alert>
          ) : null}
          {saved && !save.error ? (
            <Alert kind="success">Your ranking is saved; the next matching run uses it.</Alert>
          ) : null}
          <Button
            busy={save.isPending}
            disabled={ranked === null}
            onClick={() =>
              save.mutate(
                { programmeId, mentorIds: order, ...(data.ranking ? { version: data.ranking.version } : {}) },
                {
                  onSuccess: () => {
                    setRanked(null);
                    setSaved(true);
                  },
                },
              )
            }
          >
            Save my ranking
          </Button>
        </Card>
      </div>
    </>
  );
}

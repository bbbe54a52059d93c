import { Link, useOutletContext } from 'react-router';
import { Badge } from '../../../components/badge';
import {
  type ComponentName,
  describeRules,
  objectiveWords,
  weightShares,
  weightWords,
} from '../../../components/matching-words';
import { Card, Stat } from '../../../components/page';
import { categoryLabels, formatNumber, kindDescriptions } from '../../../lib/format';
import type { Programme } from '../../../lib/types';
import { LifecycleTrack } from '../components/lifecycle-actions';

const cadenceWords = {
  weekly: 'every week',
  fortnightly: 'every two weeks',
  monthly: 'every month',
} as const;

export function Component() {
  const p = useOutletContext<Programme>();
  const settings = p.matchingSettings;
  const shares = weightShares(settings.weights);
  const objective = objectiveWords[settings.objective];
  const rules = describeRules(p.kind, settings.rules);
  return (
    <div className="stack">
      <Card>
        <LifecycleTrack status={p.status} />
      </Card>
      <div className="stats">
        <Stat label="Mentors enrolled" value={formatNumber(p.enrolled?.mentors ?? 0)} />
        <Stat label="Mentees enrolled" value={formatNumber(p.enrolled?.mentees ?? 0)} />
        <Stat label="Topics" value={formatNumber(p.topics.length)} />
        <Stat
          label="Meets"
          value={cadenceWords[p.meetingCadence]}
          hint={`up to ${p.defaultMentorCapacity} mentee(s) per mentor`}
        />
      </div>
      <div className="grid grid--two">
        <Card title="About">
          <p>{p.description || kindDescriptions[p.kind]}</p>
          {p.goals.length ? (
            <>
              <h3 className="card__subtitle">Goals</h3>
              <ul>
                {p.goals.map((g) => (
                  <li key={g}>{g}</li>
                ))}
              </ul>
            </>
          ) : null}
          <h3 className="card__subtitle">Topics</h3>
          {p.topics.length ? (
            <ul className="chips">
              {p.topics.map((t) => (
                <li key={t.id}>
                  <Badge>
                    {t.name} <span className="visually-hidden">({categoryLabels[t.category]})</span>
                  </Badge>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">
              No topics yet. <Link to={`/programmes/${p.id}/edit`}>Choose topics</Link> before opening
              enrolment.
            </p>
          )}
        </Card>
        <Card title="How people will be matched">
          <p>
            <strong>{objective.label}.</strong> {objective.description}
          </p>
          <h3 className="card__subtitle">A pair’s score</h3>
          <ul className="bars">
            {(Object.keys(weightWords) as ComponentName[]).map((key) => (
              <li key={key} className="bar">
                <span className="bar__label">{weightWords[key].label}</span>
                <span className="bar__track" aria-hidden="true">
                  <span className="bar__fill" style={{ width: `${shares[key]}%` }} />
                </span>
                <span className="bar__value">{shares[key]}%</span>
              </li>
            ))}
          </ul>
          <h3 className="card__subtitle">Rules</h3>
          {rules.length ? (
            <ul>
              {rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">None: any two people may be paired.</p>
          )}
        </Card>
      </div>
    </div>
  );
}

// One person: who they are in the organisation, and their record to correct.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { Card, PageHeader } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { usePerson } from '../api/get-person';
import { useUpdatePerson } from '../api/update-person';
import { PersonForm } from '../components/person-form';

const stageLabels: Record<string, string> = {
  early_career: 'Early career',
  mid_career: 'Mid career',
  senior: 'Senior',
  executive: 'Executive',
};
const generationLabels: Record<string, string> = {
  baby_boomer: 'Baby boomer',
  gen_x: 'Generation X',
  millennial: 'Millennial',
  gen_z: 'Generation Z',
};

export function Component() {
  const { personId } = useParams();
  const person = usePerson(personId);
  const manager = usePerson(person.data?.managerId);
  const update = useUpdatePerson();
  const [saved, setSaved] = useState(false);

  if (person.isPending) return <Loading label="Loading…" />;
  if (person.isError) return <ErrorState error={person.error} retry={() => person.refetch()} />;
  const p = person.data;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/people">← People</Link>}
        title={p.name}
        description={
          <span className="inline-badges">
            {p.leaveDate ? (
              <Badge>Left {formatDate(p.leaveDate)}</Badge>
            ) : (
              <Badge tone="success">Current</Badge>
            )}
            <span>{[p.jobTitle, p.department, `level ${p.jobLevel}`].filter(Boolean).join(' · ')}</span>
          </span>
        }
      />
      {saved && !update.error ? <Alert kind="success">Saved.</Alert> : null}
      <div className="grid grid--sidebar-right">
        <Card title="Record">
          <PersonForm
            key={p.version}
            person={p}
            busy={update.isPending}
            error={update.error}
            onSubmit={(changes) => update.mutate(changes, { onSuccess: () => setSaved(true) })}
          />
        </Card>
        <Card title="In the organisation">
          <dl className="summary">
            <div>
              <dt>Manager</dt>
              <dd>
                {p.managerId ? (
                  <Link to={`/people/${p.managerId}`}>{manager.data?.name ?? 'Their manager'}</Link>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>Employee id</dt>
              <dd>{p.employeeId ?? '—'}</dd>
            </div>
            <div>
              <dt>Hired</dt>
              <dd>{formatDate(p.hireDate) || '—'}</dd>
            </div>
            <div>
              <dt>Career stage</dt>
              <dd>{p.careerStage ? (stageLabels[p.careerStage] ?? p.careerStage) : '—'}</dd>
            </div>
            <div>
              <dt>Generation</dt>
              <dd>{p.generation ? (generationLabels[p.generation] ?? p.generation) : '—'}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </>
  );
}

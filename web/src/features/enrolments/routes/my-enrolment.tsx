// One's own enrolment: change the answers while enrolment is open, or withdraw.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { ConfirmButton } from '../../../components/confirm-button';
import { Card, PageHeader } from '../../../components/page';
import { ShortlistLink } from '../../../components/shortlist-link';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import {
  enrolmentRoleLabels,
  formatDate,
  kindLabels,
  priorityLabels,
  proficiencyLabels,
} from '../../../lib/format';
import type { Enrolment, Programme } from '../../../lib/types';
import { useProgramme } from '../../programmes/api/get-programme';
import { useEnrolment } from '../api/get-enrolment';
import { useUpdateEnrolment } from '../api/update-enrolment';
import { useWithdrawEnrolment } from '../api/withdraw-enrolment';
import { EnrolmentForm, summariseSlots } from '../components/enrolment-form';

function ReadOnlyEnrolment({ enrolment, programme }: { enrolment: Enrolment; programme: Programme }) {
  const names = new Map(programme.topics.map((t) => [t.id, t.name]));
  return (
    <Card title="Your answers">
      <dl className="summary">
        <div>
          <dt>Role</dt>
          <dd>{enrolmentRoleLabels[enrolment.role]}</dd>
        </div>
        {enrolment.offers.length ? (
          <div>
            <dt>Offering</dt>
            <dd>
              {enrolment.offers
                .map((o) => `${names.get(o.topicId) ?? 'Topic'} (${proficiencyLabels[o.proficiency]})`)
                .join(', ')}
            </dd>
          </div>
        ) : null}
        {enrolment.seeks.length ? (
          <div>
            <dt>Seeking</dt>
            <dd>
              {enrolment.seeks
                .map((s) => `${names.get(s.topicId) ?? 'Topic'} (${priorityLabels[s.priority]})`)
                .join(', ')}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Goals</dt>
          <dd>{enrolment.goals || '—'}</dd>
        </div>
        <div>
          <dt>Available</dt>
          <dd>{summariseSlots(enrolment.availability).join(', ') || '—'}</dd>
        </div>
      </dl>
    </Card>
  );
}

export function Component() {
  const { enrolmentId } = useParams();
  const enrolment = useEnrolment(enrolmentId);
  const programme = useProgramme(enrolment.data?.programmeId);
  const update = useUpdateEnrolment();
  const withdraw = useWithdrawEnrolment();
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);

  if (enrolment.isPending || (enrolment.data && programme.isPending)) return <Loading />;
  if (enrolment.isError) return <ErrorState error={enrolment.error} retry={() => enrolment.refetch()} />;
  if (programme.isError) return <ErrorState error={programme.error} retry={() => programme.refetch()} />;
  const e = enrolment.data;
  const p = programme.data;
  if (!p) return <Loading />;
  const editable = e.status === 'active' && p.status === 'enrolling';

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/my">← My mentoring</Link>}
        title={p.name}
        description={
          <span className="inline-badges">
            <Badge tone={e.status === 'active' ? 'success' : 'neutral'}>
              {e.status === 'active'
                ? `Enrolled as ${enrolmentRoleLabels[e.role].toLowerCase()}`
                : 'Withdrawn'}
            </Badge>{' '}
            {kindLabels[p.kind]} mentoring · enrolled {formatDate(e.createdAt)}
          </span>
        }
        actions={
          e.status === 'active' ? (
            <ConfirmButton
              question="Withdraw from this programme?"
              confirmLabel="Withdraw"
              busy={withdraw.isPending}
              onConfirm={() =>
                withdraw.mutate(e.id, {
                  onSuccess: () =>
                    navigate('/my', { state: { notice: `You have withdrawn from ${p.name}.` } }),
                })
              }
            >
              Withdraw
            </ConfirmButton>
          ) : null
        }
      />
      {withdraw.error ? <Alert title="You are still enrolled">{messageOf(withdraw.error)}</Alert> : null}
      <ShortlistLink enrolment={e} programme={p} />
      {e.status === 'active' && e.seeks.length ? (
        <p className="small">
          <Link to={`/my/programmes/${p.id}/self-assessment`}>Your self-assessment</Link>: how you rate
          yourself in the topics you seek, at enrolment, midpoint and closing. Only you see it.
        </p>
      ) : null}
      {saved && !update.isPending && !update.error ? (
        <Alert kind="success">Your changes are saved.</Alert>
      ) : null}
      {e.status === 'withdrawn' ? (
        <Alert kind="info">
          You withdrew on {formatDate(e.withdrawnAt)}.{' '}
          {p.status === 'enrolling' ? <Link to={`/my/programmes/${p.id}/enrol`}>Enrol again</Link> : null}
        </Alert>
      ) : null}
      {editable ? (
        <EnrolmentForm
          key={e.version}
          programme={p}
          enrolment={e}
          busy={update.isPending}
          error={update.error}
          submitLabel="Save changes"
          onSubmit={({ role: _role, consent: _consent, ...changes }) =>
            update.mutate(
              { id: e.id, version: e.version, ...changes },
              {
                onSuccess: () => {
                  setSaved(true);
                  window.scrollTo({ top: 0 });
                },
              },
            )
          }
        />
      ) : (
        <>
          {e.status === 'active' ? (
            <Alert kind="info">Enrolment has closed, so your answers can no longer change.</Alert>
          ) : null}
          <ReadOnlyEnrolment enrolment={e} programme={p} />
        </>
      )}
    </>
  );
}

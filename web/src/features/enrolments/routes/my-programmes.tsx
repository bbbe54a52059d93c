// A participant's home: what they are enrolled in, and what is open to join.
import { Link, useLocation } from 'react-router';
import { Badge } from '../../../components/badge';
import { Card, PageHeader } from '../../../components/page';
import { KindBadge, StatusBadge } from '../../../components/programme-badges';
import { SelfAssessmentsDue } from '../../../components/self-assessment-due';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { enrolmentRoleLabels, formatDate, kindDescriptions, plural } from '../../../lib/format';
import type { Enrolment, Programme } from '../../../lib/types';
import { useMe } from '../../auth/api/get-me';
import { useProgrammes } from '../../programmes/api/get-programmes';
import { MyRelationships } from '../components/my-relationships';

function EnrolledCard({ enrolment, programme }: { enrolment: Enrolment; programme: Programme | undefined }) {
  return (
    <li className="programme-card">
      <div className="programme-card__badges">
        {programme ? <KindBadge kind={programme.kind} /> : null}
        {programme ? <StatusBadge status={programme.status} /> : null}
        <Badge tone="success">{enrolmentRoleLabels[enrolment.role]}</Badge>
      </div>
      <h3 className="programme-card__title">
        <Link to={`/my/enrolments/${enrolment.id}`}>{programme?.name ?? 'Programme'}</Link>
      </h3>
      {programme ? (
        <p className="muted small">
          {formatDate(programme.cohortStart)} – {formatDate(programme.cohortEnd)}
        </p>
      ) : null}
      <p className="small">
        {enrolment.offers.length ? `Offering ${plural(enrolment.offers.length, 'topic')}` : null}
        {enrolment.offers.length && enrolment.seeks.length ? ' · ' : null}
        {enrolment.seeks.length ? `Seeking ${plural(enrolment.seeks.length, 'topic')}` : null}
      </p>
      <p className="small muted">
        {programme?.status === 'enrolling'
          ? 'You can change your answers until enrolment closes.'
          : programme?.status === 'matching'
            ? 'Enrolment has closed; you will hear when you have been matched.'
            : null}
      </p>
    </li>
  );
}

function OpenCard({ programme }: { programme: Programme }) {
  return (
    <li className="programme-card">
      <div className="programme-card__badges">
        <KindBadge kind={programme.kind} />
      </div>
      <h3 className="programme-card__title">{programme.name}</h3>
      <p className="muted small">
        {formatDate(programme.cohortStart)} – {formatDate(programme.cohortEnd)}
      </p>
      <p className="programme-card__description">
        {programme.description || kindDescriptions[programme.kind]}
      </p>
      <div className="programme-card__footer">
        <Link
          className="button button--primary"
          to={`/my/programmes/${programme.id}/enrol`}
          aria-label={`Enrol in ${programme.name}`}
        >
          Enrol
        </Link>
      </div>
    </li>
  );
}

export function Component() {
  const me = useMe();
  const programmes = useProgrammes();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;

  const header = (
    <PageHeader
      title="My mentoring"
      description="Your programmes and enrolments. Matches, meetings and notes appear here once a programme starts."
    />
  );
  if (me.isPending || programmes.isPending)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (programmes.isError)
    return (
      <>
        {header}
        <ErrorState error={programmes.error} retry={() => programmes.refetch()} />
      </>
    );
  if (!me.data?.person) {
    return (
      <>
        {header}
        <EmptyState title="Your account is not linked to a person">
          <p>Ask an organisation admin to link your account to your person record before you enrol.</p>
        </EmptyState>
      </>
    );
  }
  const byId = new Map(programmes.data.map((p) => [p.id, p]));
  const active = me.data.enrolments.filter((e) => e.status === 'active');
  const enrolledIds = new Set(active.map((e) => e.programmeId));
  const open = programmes.data.filter((p) => p.status === 'enrolling' && !enrolledIds.has(p.id));

  return (
    <>
      {header}
      {notice ? <Alert kind="success">{notice}</Alert> : null}
      <div className="stack stack--large">
        <SelfAssessmentsDue
          programmes={active.map((e) => ({
            id: e.programmeId,
            name: byId.get(e.programmeId)?.name ?? 'your programme',
          }))}
        />
        <MyRelationships />
        <section aria-labelledby="enrolled-heading">
          <h2 id="enrolled-heading" className="section-title">
            Your enrolments
          </h2>
          {active.length === 0 ? (
            <EmptyState title="You are not enrolled in any programme yet">
              {open.length ? (
                <p>Choose one of the open programmes below.</p>
              ) : (
                <p>When a programme opens for enrolment, it appears here.</p>
              )}
            </EmptyState>
          ) : (
            <ul className="programme-grid">
              {active.map((e) => (
                <EnrolledCard key={e.id} enrolment={e} programme={byId.get(e.programmeId)} />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="open-heading">
          <h2 id="open-heading" className="section-title">
            Open for enrolment
          </h2>
          {open.length === 0 ? (
            <Card>
              <p className="muted">No other programme is taking enrolments right now.</p>
            </Card>
          ) : (
            <ul className="programme-grid">
              {open.map((p) => (
                <OpenCard key={p.id} programme={p} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

// One relationship, for one of its two people: the proposal to answer, the agreement to
// sign, then meetings, notes (shared and private), learning both ways, goals and actions,
// the journey timeline, and at the end a reflection.
import { Link, useParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { PageHeader } from '../../../components/page';
import { statusLabels, statusTones } from '../../../components/relationship-status';
import { SelfAssessmentDue } from '../../../components/self-assessment-due';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { formatDate, kindLabels } from '../../../lib/format';
import { useProgramme } from '../../programmes/api/get-programme';
import { useAgreement } from '../api/agreement';
import { useRelationship } from '../api/relationships';
import { ActionsCard } from '../components/actions-card';
import { AgreementCard } from '../components/agreement-card';
import { CheckInCard } from '../components/check-in-card';
import { CircleAgreementCard, CircleMembersCard, CircleProposal } from '../components/circle-cards';
import { LearningCard } from '../components/learning-card';
import { MatchProposal } from '../components/match-proposal';
import { MeetingsCard } from '../components/meetings-card';
import { NotesCard } from '../components/notes-card';
import { ReflectionCard, StatusActions } from '../components/status-card';
import { TimelineCard } from '../components/timeline-card';
import { firstName } from '../components/words';
import { partiesOf } from '../parties';
import '../relationships.css';

export function Component() {
  const { relationshipId = '' } = useParams();
  const relationship = useRelationship(relationshipId);
  const started = relationship.data
    ? !['proposed', 'declined', 'withdrawn'].includes(relationship.data.status)
    : false;
  const agreement = useAgreement(relationshipId, started);
  const programme = useProgramme(relationship.data?.programmeId);

  if (relationship.isPending) return <Loading label="Loading your match…" />;
  if (relationship.isError)
    return <ErrorState error={relationship.error} retry={() => relationship.refetch()} />;
  const rel = relationship.data;
  const { mySide, partner } = partiesOf(rel);
  const agreed = Boolean(agreement.data?.agreed);
  const writable = rel.status === 'active' || rel.status === 'paused';
  const kind = rel.programmeKind ? kindLabels[rel.programmeKind] : '';

  if (rel.format === 'circle')
    return (
      <>
        <PageHeader
          eyebrow={<Link to="/my">← My mentoring</Link>}
          title={rel.name ?? 'Your circle'}
          description={
            <span className="inline-badges">
              <Badge tone={statusTones[rel.status]}>{statusLabels[rel.status]}</Badge>{' '}
              <span>
                {rel.programmeName} · {kind} mentoring · circle · you are a {rel.myRole ?? 'guest'}
              </span>
            </span>
          }
          actions={rel.myRole === 'member' ? null : <StatusActions relationship={rel} />}
        />
        <div className="grid grid--sidebar-right relationship-grid">
          <div className="stack">
            {rel.status === 'proposed' || rel.status === 'active' ? (
              rel.members.some((m) => m.response === 'pending') ? (
                <CircleProposal relationship={rel} />
              ) : null
            ) : null}
            {started ? (
              <>
                <SelfAssessmentDue programmeId={rel.programmeId} />
                <ReflectionCard relationship={rel} />
                {agreement.isPending ? null : (
                  <CircleAgreementCard relationship={rel} agreement={agreement.data} />
                )}
                <MeetingsCard
                  relationship={rel}
                  agreed={agreed}
                  defaultMinutes={agreement.data?.meetingMinutes ?? 60}
                />
                <NotesCard relationship={rel} writable={writable} />
                <LearningCard relationship={rel} topics={programme.data?.topics ?? []} writable={writable} />
              </>
            ) : null}
          </div>
          <div className="stack">
            <CircleMembersCard relationship={rel} />
          </div>
        </div>
        <p className="small muted">
          Everyone in the circle reads its shared notes, learning and agreement. Your private notes and your
          feedback are yours alone; the programme manager sees only that you meet, never what you write.
        </p>
      </>
    );

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/my">← My mentoring</Link>}
        title={`You and ${partner.name}`}
        description={
          <span className="inline-badges">
            <Badge tone={statusTones[rel.status]}>{statusLabels[rel.status]}</Badge>{' '}
            <span>
              {rel.programmeName} · {kind} mentoring ·{' '}
              {rel.format === 'peer' ? 'peers: you both teach and learn' : `you are the ${mySide}`}
              {rel.acceptedAt ? ` · since ${formatDate(rel.acceptedAt)}` : ''}
            </span>
          </span>
        }
        actions={<StatusActions relationship={rel} />}
      />
      {rel.status === 'proposed' ? (
        <MatchProposal relationship={rel} />
      ) : rel.status === 'declined' || rel.status === 'withdrawn' ? (
        <>
          <Alert
            kind="info"
            title={rel.status === 'declined' ? 'This match was declined' : 'This match was withdrawn'}
          >
            The programme manager will look for another match where there is room.
          </Alert>
          <MatchProposal relationship={rel} />
        </>
      ) : (
        <div className="stack">
          {rel.status === 'paused' ? (
            <Alert kind="info" title="Paused">
              Nothing is lost while you pause: notes, learning and goals stay. Resume whenever you are both
              ready.
            </Alert>
          ) : null}
          <SelfAssessmentDue programmeId={rel.programmeId} />
          <ReflectionCard relationship={rel} />
          {agreement.isPending ? null : !agreed ? <AgreementCard relationship={rel} /> : null}
          <div className="grid grid--sidebar-right relationship-grid">
            <div className="stack">
              <MeetingsCard
                relationship={rel}
                agreed={agreed}
                defaultMinutes={agreement.data?.meetingMinutes ?? 60}
              />
              <NotesCard relationship={rel} writable={writable} />
              <LearningCard relationship={rel} topics={programme.data?.topics ?? []} writable={writable} />
            </div>
            <div className="stack">
              <ActionsCard relationship={rel} writable={writable} />
              <TimelineCard relationship={rel} writable={writable} />
              {agreed ? <CheckInCard relationship={rel} writable={writable} /> : null}
              {agreed ? <AgreementCard relationship={rel} /> : null}
            </div>
          </div>
          <p className="small muted">
            {firstName(partner.name)} can read your shared notes, learning, goals and the agreement. Your
            private notes and your feedback are yours alone; the programme manager sees only that you meet,
            never what you write.
          </p>
        </div>
      )}
    </>
  );
}

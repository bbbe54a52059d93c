// The buttons that move a programme along its lifecycle, each with what it means.
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { Alert } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import type { Programme, ProgrammeStatus } from '../../../lib/types';
import { useDeleteProgramme } from '../api/delete-programme';
import { useTransitionProgramme } from '../api/transition-programme';

export const lifecycle: ProgrammeStatus[] = ['draft', 'enrolling', 'matching', 'active', 'closed'];

interface Move {
  to: ProgrammeStatus;
  label: string;
  explain: string;
  confirm?: string;
  primary?: boolean;
}

/** The legal moves from each status (the server enforces the same). */
export const moves: Record<ProgrammeStatus, Move[]> = {
  draft: [
    {
      to: 'enrolling',
      label: 'Open enrolment',
      explain: 'People can see the programme and enrol.',
      primary: true,
    },
  ],
  enrolling: [
    {
      to: 'matching',
      label: 'Close enrolment and start matching',
      explain: 'Enrolment closes for participants; you can then run matching.',
      primary: true,
    },
  ],
  // A programme becomes active only by publishing a match run (the Matching tab).
  matching: [
    {
      to: 'enrolling',
      label: 'Reopen enrolment',
      explain: 'Let late joiners in before anything is published.',
    },
  ],
  active: [
    {
      to: 'closed',
      label: 'Close the programme',
      explain: 'Relationships end and people are asked for a reflection.',
      confirm: 'Close the programme? This cannot be undone.',
    },
  ],
  closed: [],
};

export function LifecycleActions({ programme }: { programme: Programme }) {
  const transition = useTransitionProgramme();
  const remove = useDeleteProgramme();
  const navigate = useNavigate();
  const available = moves[programme.status];
  const move = (to: ProgrammeStatus) =>
    transition.mutate({ id: programme.id, to, version: programme.version });

  return (
    <div className="lifecycle-actions">
      <div className="actions">
        {available.map((m) =>
          m.confirm ? (
            <ConfirmButton
              key={m.to}
              question={m.confirm}
              confirmLabel={m.label}
              variant={m.to === 'closed' ? 'danger' : 'primary'}
              busy={transition.isPending && transition.variables?.to === m.to}
              onConfirm={() => move(m.to)}
            >
              {m.label}
            </ConfirmButton>
          ) : (
            <Button
              key={m.to}
              variant={m.primary ? 'primary' : 'secondary'}
              busy={transition.isPending && transition.variables?.to === m.to}
              onClick={() => move(m.to)}
              title={m.explain}
            >
              {m.label}
            </Button>
          ),
        )}
        {programme.status === 'draft' ? (
          <ConfirmButton
            question="Delete this draft?"
            confirmLabel="Delete draft"
            busy={remove.isPending}
            onConfirm={() =>
              remove.mutate(programme.id, { onSuccess: () => navigate('/programmes', { replace: true }) })
            }
          >
            Delete draft
          </ConfirmButton>
        ) : null}
      </div>
      {transition.error ? (
        <Alert title="The programme did not move on">{messageOf(transition.error)}</Alert>
      ) : null}
      {remove.error ? <Alert title="The draft was not deleted">{messageOf(remove.error)}</Alert> : null}
    </div>
  );
}

/** draft → enrolling → matching → active → closed, with where the programme is now. */
export function LifecycleTrack({ status }: { status: ProgrammeStatus }) {
  const current = lifecycle.indexOf(status);
  return (
    <ol className="track" aria-label="Programme stages">
      {lifecycle.map((s, i) => (
        <li
          key={s}
          className={`track__step${i < current ? ' track__step--done' : ''}${i === current ? ' track__step--current' : ''}`}
          aria-current={i === current ? 'step' : undefined}
        >
          <span className="track__dot" aria-hidden="true" />
          <span className="track__label">
            {s[0]?.toUpperCase()}
            {s.slice(1)}
            {i < current ? <span className="visually-hidden"> (done)</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

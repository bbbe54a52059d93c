// Meetings: the next one up front (add to calendar, reschedule, cancel, record as held, its
// guided agenda), scheduling a new one, and the ones before with feedback.
import { type FormEvent, useEffect, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { SelectField, TextField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import {
  icsUrl,
  useAgendaTemplates,
  useCancelMeeting,
  useMeetings,
  useRecordMeeting,
  useRescheduleMeeting,
  useScheduleMeeting,
} from '../api/meetings';
import { partiesOf, personAt } from '../parties';
import type { Agenda, AgendaTemplate, Meeting, Relationship } from '../types';
import { FeedbackForm } from './feedback-form';
import {
  firstName,
  formatDateTime,
  instantFromLocal,
  localFromInstant,
  suggestedStart,
  timeIn,
} from './words';

/** The current time, refreshed every few seconds (so "record as held" appears once a meeting starts). */
function useNow(everyMs = 5000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

function AgendaView({ agenda, relationship }: { agenda: Agenda; relationship: Relationship }) {
  const lead = (l: 'mentee' | 'mentor' | 'both') =>
    l === 'both' ? 'Both of you' : `${firstName(personAt(relationship, l).name)} leads`;
  return (
    <div className="agenda">
      <h4 className="agenda__title">Agenda: {agenda.title}</h4>
      <ol className="agenda__items">
        {agenda.items.map((item) => (
          <li key={item.title}>
            <span className="agenda__item-title">{item.title}</span>{' '}
            <Badge tone="neutral">{lead(item.lead)}</Badge>
            <p className="small">{item.prompt}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}

function MeetingForm({
  relationship,
  meeting,
  defaultMinutes,
  onDone,
}: {
  relationship: Relationship;
  meeting?: Meeting;
  defaultMinutes: number;
  onDone: () => void;
}) {
  const templates = useAgendaTemplates(relationship.id);
  const schedule = useScheduleMeeting();
  const reschedule = useRescheduleMeeting();
  const mutation = meeting ? reschedule : schedule;
  const [when, setWhen] = useState(meeting ? localFromInstant(meeting.startsAt) : suggestedStart());
  const [minutes, setMinutes] = useState(String(meeting?.durationMinutes ?? defaultMinutes));
  const [location, setLocation] = useState(meeting?.location ?? '');
  const [template, setTemplate] = useState<string>(meeting?.agenda.template ?? '');
  const [localError, setLocalError] = useState<string | undefined>();
  const fields = fieldErrorsOf(mutation.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    const startsAt = instantFromLocal(when);
    if (!startsAt) {
      setLocalError('choose a date and time');
      return;
    }
    setLocalError(undefined);
    const agendaTemplate = (template || undefined) as AgendaTemplate | undefined;
    const common = {
      startsAt,
      durationMinutes: Number(minutes),
      ...(agendaTemplate && agendaTemplate !== meeting?.agenda.template ? { agendaTemplate } : {}),
    };
    if (meeting) {
      reschedule.mutate(
        { id: meeting.id, version: meeting.version, ...common, location: location.trim() || null },
        { onSuccess: onDone },
      );
    } else {
      schedule.mutate(
        {
          relationshipId: relationship.id,
          ...common,
          ...(location.trim() ? { location: location.trim() } : {}),
        },
        { onSuccess: onDone },
      );
    }
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      className="stack stack--tight meeting-form"
      aria-label={meeting ? 'Reschedule the meeting' : 'Schedule a meeting'}
    >
      <div className="form-row">
        <TextField
          label="Date and time"
          hint={`Your time (${Intl.DateTimeFormat().resolvedOptions().timeZone})`}
          type="datetime-local"
          value={when}
          error={localError ?? fields.startsAt}
          onChange={(e) => setWhen(e.target.value)}
        />
        <TextField
          label="Minutes"
          type="number"
          min={15}
          max={480}
          step={15}
          value={minutes}
          error={fields.durationMinutes}
          onChange={(e) => setMinutes(e.target.value)}
        />
      </div>
      <TextField
        label="Where (optional)"
        hint="A room, or a video link."
        value={location}
        error={fields.location}
        onChange={(e) => setLocation(e.target.value)}
      />
      <SelectField
        label="Guided agenda"
        value={template}
        error={fields.agendaTemplate}
        onChange={(e) => setTemplate(e.target.value)}
      >
        <option value="">{meeting ? 'Keep the current agenda' : 'Suggested for where you are'}</option>
        {(templates.data ?? []).map((t) => (
          <option key={t.template} value={t.template}>
            {t.title}
          </option>
        ))}
      </SelectField>
      {mutation.error && !Object.keys(fields).length ? <Alert>{messageOf(mutation.error)}</Alert> : null}
      <div className="actions">
        <Button type="submit" busy={mutation.isPending}>
          {meeting ? 'Save the new time' : 'Schedule'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function NextMeeting({
  meeting,
  relationship,
  defaultMinutes,
  now,
}: {
  meeting: Meeting;
  relationship: Relationship;
  defaultMinutes: number;
  now: number;
}) {
  const [rescheduling, setRescheduling] = useState(false);
  const cancel = useCancelMeeting();
  const record = useRecordMeeting();
  // Recording opens 15 minutes before the start (the server says the same).
  const started = new Date(meeting.startsAt).getTime() - 15 * 60_000 <= now;
  const { partner } = partiesOf(relationship);
  const theirTime = timeIn(meeting.startsAt, partner.timeZone);
  const error = cancel.error ?? record.error;
  return (
    <section className="next-meeting" aria-labelledby={`meeting-${meeting.id}`}>
      <p className="next-meeting__eyebrow">{started ? 'Meeting to record' : 'Next meeting'}</p>
      <h3 id={`meeting-${meeting.id}`} className="next-meeting__when">
        {formatDateTime(meeting.startsAt)}
      </h3>
      <p className="muted small">
        {meeting.durationMinutes} minutes{meeting.location ? ` · ${meeting.location}` : ''}
        {meeting.sequence > 0 ? ' · rescheduled' : ''}
        {theirTime ? ` · ${theirTime} for ${firstName(partner.name)} (${partner.timeZone})` : ''}
      </p>
      {rescheduling ? (
        <MeetingForm
          relationship={relationship}
          meeting={meeting}
          defaultMinutes={defaultMinutes}
          onDone={() => setRescheduling(false)}
        />
      ) : (
        <div className="actions">
          {started ? (
            <Button
              busy={record.isPending}
              onClick={() => record.mutate({ id: meeting.id, version: meeting.version })}
            >
              We met: record as held
            </Button>
          ) : null}
          <a
            className="button button--secondary"
            href={icsUrl(meeting.id)}
            download={`twoway-meeting-${meeting.id}.ics`}
          >
            Add to calendar (.ics)
          </a>
          <Button variant="secondary" onClick={() => setRescheduling(true)}>
            Reschedule
          </Button>
          <ConfirmButton
            question="Cancel this meeting? You will both be told."
            confirmLabel="Cancel meeting"
            busy={cancel.isPending}
            onConfirm={() => cancel.mutate({ id: meeting.id, version: meeting.version })}
          >
            Cancel meeting
          </ConfirmButton>
        </div>
      )}
      {error ? <Alert>{messageOf(error)}</Alert> : null}
      <AgendaView agenda={meeting.agenda} relationship={relationship} />
    </section>
  );
}

export function MeetingsCard({
  relationship,
  agreed,
  defaultMinutes,
}: {
  relationship: Relationship;
  agreed: boolean;
  defaultMinutes: number;
}) {
  const rel = relationship;
  const live = rel.status === 'active';
  const meetings = useMeetings(rel.id);
  const [scheduling, setScheduling] = useState(false);
  const [feedbackFor, setFeedbackFor] = useState<string | null>(null);
  const now = useNow();
  const { partner, mySide } = partiesOf(rel);

  if (meetings.isPending)
    return (
      <Card title="Meetings">
        <Loading />
      </Card>
    );
  if (meetings.isError)
    return (
      <Card title="Meetings">
        <ErrorState error={meetings.error} retry={() => meetings.refetch()} />
      </Card>
    );
  const all = meetings.data.meetings;
  const scheduled = all
    .filter((m) => m.status === 'scheduled')
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const next = scheduled[0];
  const later = scheduled.slice(1);
  const past = all
    .filter((m) => m.status !== 'scheduled')
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  const c = meetings.data.cancellations;
  const latestHeld = past.find((m) => m.status === 'held')?.id ?? null;
  const openFeedback = feedbackFor ?? latestHeld;

  return (
    <Card
      title="Meetings"
      className="meetings"
      actions={
        live && agreed && !scheduling ? (
          <Button size="small" onClick={() => setScheduling(true)}>
            Schedule a meeting
          </Button>
        ) : null
      }
    >
      {!agreed && live ? (
        <Alert kind="info">Agree and both sign the agreement, then schedule your first meeting here.</Alert>
      ) : null}
      {rel.status === 'paused' ? (
        <Alert kind="info">This relationship is paused; resume it to schedule meetings.</Alert>
      ) : null}
      {scheduling ? (
        <MeetingForm relationship={rel} defaultMinutes={defaultMinutes} onDone={() => setScheduling(false)} />
      ) : null}
      {next ? (
        <NextMeeting
          key={`${next.id}:${next.version}`}
          meeting={next}
          relationship={rel}
          defaultMinutes={defaultMinutes}
          now={now}
        />
      ) : agreed && live && !scheduling ? (
        <EmptyState title="Nothing scheduled">
          <p>Pick a time that suits you both; {firstName(partner.name)} gets an invitation.</p>
        </EmptyState>
      ) : null}
      {later.length ? (
        <>
          <h3 className="card__subtitle">Later</h3>
          <ul className="meeting-list">
            {later.map((m) => (
              <li key={m.id}>
                <span>{formatDateTime(m.startsAt)}</span>{' '}
                <span className="muted small">{m.agenda.title}</span>{' '}
                <a href={icsUrl(m.id)} download className="small">
                  Add to calendar<span className="visually-hidden"> ({formatDateTime(m.startsAt)})</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {past.length ? (
        <>
          <h3 className="card__subtitle">Held and cancelled</h3>
          <ul className="meeting-list">
            {past.map((m) => (
              <li key={m.id} className={`meeting-list__item meeting-list__item--${m.status}`}>
                <div>
                  <span>{formatDateTime(m.startsAt)}</span>{' '}
                  {m.status === 'held' ? (
                    <Badge tone="success">Held</Badge>
                  ) : (
                    <Badge tone="neutral">
                      Cancelled
                      {m.cancelledBy
                        ? m.cancelledBy === mySide
                          ? ' by you'
                          : m.cancelledBy === 'manager'
                            ? ' by the programme'
                            : ` by ${firstName(partner.name)}`
                        : ''}
                    </Badge>
                  )}{' '}
                  <span className="muted small">{m.agenda.title}</span>
                </div>
                {m.status === 'held' ? (
                  openFeedback === m.id ? (
                    <FeedbackForm meetingId={m.id} partnerName={firstName(partner.name)} />
                  ) : (
                    <Button
                      variant="ghost"
                      size="small"
                      onClick={() => setFeedbackFor(m.id)}
                      aria-label={`Feedback on the meeting of ${formatDateTime(m.startsAt)}`}
                    >
                      Feedback
                    </Button>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {c.total ? (
        <p className="small muted">
          {c.total} cancelled so far: {c.byMentor} by {firstName(rel.mentor.name)}, {c.byMentee} by{' '}
          {firstName(personAt(rel, 'mentee').name)}
          {c.byOthers ? `, ${c.byOthers} by the programme` : ''}.
        </p>
      ) : null}
    </Card>
  );
}

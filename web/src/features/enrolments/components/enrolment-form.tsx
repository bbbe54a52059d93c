// What a person offers and seeks, their goals, weekly availability, capacity and consent.
// Used to enrol and to edit an enrolment; the server's field errors appear beside the
// topic, slot or box they are about.
import { type FormEvent, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import {
  CheckboxField,
  ChoiceCards,
  FieldError,
  Fieldset,
  SelectField,
  TextArea,
  TextField,
} from '../../../components/field';
import { TableWrap } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import {
  categories,
  categoryLabels,
  minutesOf,
  priorityLabels,
  proficiencyLabels,
  timeOfDay,
} from '../../../lib/format';
import type {
  Enrolment,
  EnrolmentRole,
  Offer,
  Programme,
  ProgrammeKind,
  Seek,
  Slot,
} from '../../../lib/types';
import type { EnrolInput } from '../api/enrol';
import { AvailabilityEditor, newSlot, type SlotDraft } from './availability-editor';

export const teaches = (role: EnrolmentRole) => role === 'mentor' || role === 'both';
export const learns = (role: EnrolmentRole) => role === 'mentee' || role === 'both';

const roleText: Record<ProgrammeKind, Record<EnrolmentRole, string>> = {
  reverse: {
    mentor:
      'You share what you know best (digital tools, channels, trends, what younger colleagues expect) with a senior leader.',
    mentee: 'You are a senior leader who wants to learn from a less experienced colleague.',
    both: '',
  },
  conventional: {
    mentor: 'You share your experience: career, industry, leadership, networks.',
    mentee: 'You want to grow with the help of a more experienced colleague.',
    both: '',
  },
  mutual: {
    mentor: 'You only teach in this programme.',
    mentee: 'You only learn in this programme.',
    both: 'You teach what you know and learn what the other person knows: two-way mentoring.',
  },
};

export interface EnrolmentFormValues {
  role: EnrolmentRole;
  offers: Record<string, number>;
  seeks: Record<string, number>;
  goals: string;
  slots: SlotDraft[];
  capacity: string;
  preferDifferentDepartment: boolean;
  note: string;
  consent: boolean;
}

export function initialEnrolmentValues(programme: Programme, enrolment?: Enrolment): EnrolmentFormValues {
  return {
    role: enrolment?.role ?? (programme.kind === 'mutual' ? 'both' : 'mentee'),
    offers: Object.fromEntries((enrolment?.offers ?? []).map((o) => [o.topicId, o.proficiency])),
    seeks: Object.fromEntries((enrolment?.seeks ?? []).map((s) => [s.topicId, s.priority])),
    goals: enrolment?.goals ?? '',
    slots: (enrolment?.availability ?? []).map((s) =>
      newSlot(String(s.day), timeOfDay(s.start), timeOfDay(s.end)),
    ),
    capacity: String(
      enrolment ? enrolment.capacity || programme.defaultMentorCapacity : programme.defaultMentorCapacity,
    ),
    preferDifferentDepartment: enrolment?.preferences.preferDifferentDepartment ?? false,
    note: enrolment?.preferences.note ?? '',
    consent: Boolean(enrolment),
  };
}

/** The request body, and problems the browser can see before sending it. */
export function buildEnrolment(
  v: EnrolmentFormValues,
  topicOrder: string[],
  preferredMentorIds: string[] = [],
): { input: EnrolInput; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const offers: Offer[] = teaches(v.role)
    ? topicOrder
        .filter((id) => v.offers[id])
        .map((topicId) => ({ topicId, proficiency: v.offers[topicId] ?? 1 }))
    : [];
  const seeks: Seek[] = learns(v.role)
    ? topicOrder.filter((id) => v.seeks[id]).map((topicId) => ({ topicId, priority: v.seeks[topicId] ?? 1 }))
    : [];
  if (teaches(v.role) && offers.length === 0) problems.offers = 'choose at least one topic you can offer';
  if (learns(v.role) && seeks.length === 0) problems.seeks = 'choose at least one topic you want to learn';
  const availability: Slot[] = [];
  v.slots.forEach((s, i) => {
    const start = minutesOf(s.start);
    const end = minutesOf(s.end);
    if (start === null) problems[`availability.${i}.start`] = 'must be a time like 09:30';
    if (end === null) problems[`availability.${i}.end`] = 'must be a time like 10:30';
    if (start !== null && end !== null) {
      // "00:00" as an end means midnight at the end of the day.
      const realEnd = end === 0 ? 1440 : end;
      if (realEnd <= start) problems[`availability.${i}.end`] = 'must be after the start';
      availability.push({ day: Number(s.day), start, end: realEnd });
    }
  });
  const capacity = Number(v.capacity);
  if (teaches(v.role) && (!Number.isInteger(capacity) || capacity < 1 || capacity > 20)) {
    problems.capacity = 'must be a whole number from 1 to 20';
  }
  if (!v.consent) problems.consent = 'is needed to enrol: tick the box to agree';
  return {
    input: {
      role: v.role,
      offers,
      seeks,
      goals: v.goals.trim(),
      availability,
      capacity: teaches(v.role) ? capacity : 0,
      preferences: {
        preferredMentorIds,
        preferDifferentDepartment: v.preferDifferentDepartment,
        note: v.note.trim(),
      },
      consent: v.consent,
    },
    problems,
  };
}

/** Server paths name list positions ("offers.2.topicId"); show them by topic instead. */
export function errorsByTopic(errors: Record<string, string>, sent: EnrolInput | null) {
  const offers: Record<string, string> = {};
  const seeks: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    const m = /^(offers|seeks)\.(\d+)/.exec(path);
    if (!m || !sent) continue;
    const list = m[1] === 'offers' ? sent.offers : sent.seeks;
    const topicId = list[Number(m[2])]?.topicId;
    if (topicId) (m[1] === 'offers' ? offers : seeks)[topicId] = message;
  }
  return { offers, seeks };
}

export function EnrolmentForm({
  programme,
  enrolment,
  busy,
  error,
  submitLabel,
  onSubmit,
}: {
  programme: Programme;
  enrolment?: Enrolment;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: EnrolInput) => void;
}) {
  const editing = Boolean(enrolment);
  const [values, setValues] = useState(() => initialEnrolmentValues(programme, enrolment));
  const [local, setLocal] = useState<Record<string, string>>({});
  const sent = useRef<EnrolInput | null>(null);
  const set = <K extends keyof EnrolmentFormValues>(key: K, value: EnrolmentFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const server = fieldErrorsOf(error);
  const errors = { ...server, ...local };
  const byTopic = errorsByTopic(server, sent.current);
  const topicOrder = programme.topics.map((t) => t.id);
  const roles: EnrolmentRole[] =
    programme.kind === 'mutual' ? ['both', 'mentor', 'mentee'] : ['mentor', 'mentee'];
  const showOffers = teaches(values.role);
  const showSeeks = learns(values.role);
  // Errors about fields this form shows sit beside them; any other (a stale version, a
  // closed programme) is said at the top, in the server's words.
  const placeable = /^(role|offers|seeks|goals|availability|capacity|preferences|consent)(\.|$)/;
  const unplaced = Object.entries(server).filter(([path]) => !placeable.test(path));
  const unplacedServerErrors = Boolean(error) && (Object.keys(server).length === 0 || unplaced.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { input, problems } = buildEnrolment(
      { ...values, consent: editing || values.consent },
      topicOrder,
      enrolment?.preferences.preferredMentorIds,
    );
    setLocal(problems);
    if (Object.keys(problems).length) {
      // Move focus to the first field at fault so keyboard and screen-reader users find it.
      requestAnimationFrame(() =>
        document
          .querySelector<HTMLElement>('[aria-invalid="true"], .field--invalid input, .field--invalid select')
          ?.focus(),
      );
      return;
    }
    sent.current = input;
    onSubmit(input);
  };

  const problemCount = Object.keys(errors).filter((path) => placeable.test(path)).length;

  return (
    <form
      className="stack enrolment-form"
      onSubmit={submit}
      noValidate
      aria-label={editing ? 'Your enrolment' : `Enrol in ${programme.name}`}
    >
      {unplacedServerErrors ? <Alert title="Your enrolment was not saved">{messageOf(error)}</Alert> : null}
      {problemCount > 0 ? (
        <Alert title="Some answers need another look">
          <p>
            {problemCount === 1 ? 'One answer needs' : `${problemCount} answers need`} attention; each is
            marked beside its field.
          </p>
        </Alert>
      ) : null}

      <section className="card">
        <ChoiceCards
          legend="Your role"
          error={errors.role}
          hint={editing ? 'To change your role, withdraw and enrol again.' : undefined}
          name="role"
          choices={roles.map((r) => ({
            value: r,
            title: r === 'both' ? 'Both: teach and learn' : r === 'mentor' ? 'Mentor' : 'Mentee',
            text: roleText[programme.kind][r],
          }))}
          value={values.role}
          disabled={editing}
          onChange={(r) => set('role', r)}
        />
      </section>

      <section className="card">
        <h2 className="card__title">Topics</h2>
        <p className="muted">
          {showOffers && showSeeks
            ? 'Say what you can offer, and how well you know it, and what you want to learn, and how much.'
            : showOffers
              ? 'Say which topics you can offer and how well you know each.'
              : 'Say which topics you want to learn and how much each matters.'}
        </p>
        {showOffers ? <FieldError message={errors.offers} /> : null}
        {showSeeks ? <FieldError message={errors.seeks} /> : null}
        <TableWrap label="Topics to offer and seek">
          <table className="table topic-table">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                {showOffers ? <th scope="col">I can offer</th> : null}
                {showSeeks ? <th scope="col">I want to learn</th> : null}
              </tr>
            </thead>
            {categories
              .map((c) => ({ c, items: programme.topics.filter((t) => t.category === c) }))
              .filter((g) => g.items.length)
              .map((g) => (
                <tbody key={g.c}>
                  <tr className="topic-table__category">
                    <th scope="colgroup" colSpan={1 + (showOffers ? 1 : 0) + (showSeeks ? 1 : 0)}>
                      {categoryLabels[g.c]}
                    </th>
                  </tr>
                  {g.items.map((t) => (
                    <tr key={t.id}>
                      <th scope="row" className="topic-table__name">
                        {t.name}
                      </th>
                      {showOffers ? (
                        <td>
                          <SelectField
                            label={`${t.name}: what I can offer`}
                            hideLabel
                            value={String(values.offers[t.id] ?? '')}
                            error={byTopic.offers[t.id]}
                            onChange={(e) =>
                              set('offers', { ...values.offers, [t.id]: Number(e.target.value) || 0 })
                            }
                          >
                            <option value="">Not offering</option>
                            {[1, 2, 3, 4, 5].map((n) => (
                              <option key={n} value={n}>
                                {proficiencyLabels[n]}
                              </option>
                            ))}
                          </SelectField>
                        </td>
                      ) : null}
                      {showSeeks ? (
                        <td>
                          <SelectField
                            label={`${t.name}: how much I want to learn it`}
                            hideLabel
                            value={String(values.seeks[t.id] ?? '')}
                            error={byTopic.seeks[t.id]}
                            onChange={(e) =>
                              set('seeks', { ...values.seeks, [t.id]: Number(e.target.value) || 0 })
                            }
                          >
                            <option value="">Not seeking</option>
                            {[1, 2, 3].map((n) => (
                              <option key={n} value={n}>
                                {priorityLabels[n]}
                              </option>
                            ))}
                          </SelectField>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              ))}
          </table>
        </TableWrap>
      </section>

      <section className="card stack">
        <h2 className="card__title">Goals and time</h2>
        <TextArea
          label="Your goals, in your own words"
          hint="What would make this worthwhile for you? It helps find a partner with similar aims."
          rows={4}
          maxLength={4000}
          value={values.goals}
          onChange={(e) => set('goals', e.target.value)}
          error={errors.goals}
        />
        <Fieldset legend="When you could usually meet" hint="Times in your own time zone, in a usual week.">
          <AvailabilityEditor
            slots={values.slots}
            onChange={(slots) => set('slots', slots)}
            errors={errors}
          />
        </Fieldset>
        {showOffers ? (
          <TextField
            label="How many people could you mentor at once?"
            type="number"
            min={1}
            max={20}
            inputMode="numeric"
            className="field--narrow"
            value={values.capacity}
            onChange={(e) => set('capacity', e.target.value)}
            error={errors.capacity}
          />
        ) : null}
      </section>

      <section className="card stack">
        <h2 className="card__title">Preferences</h2>
        <CheckboxField
          label="I would prefer a partner from another department"
          checked={values.preferDifferentDepartment}
          onChange={(e) => set('preferDifferentDepartment', e.target.checked)}
          error={errors['preferences.preferDifferentDepartment']}
        />
        <TextArea
          label="Anything the programme manager should know (optional)"
          rows={2}
          maxLength={500}
          value={values.note}
          onChange={(e) => set('note', e.target.value)}
          error={errors['preferences.note'] ?? errors.preferences}
        />
        {!editing ? (
          <CheckboxField
            label="I agree that my profile (role, topics, goals and availability) is used to find my mentoring partner"
            hint="Only the programme managers and your eventual partner see it. You can withdraw at any time."
            checked={values.consent}
            onChange={(e) => set('consent', e.target.checked)}
            error={errors.consent}
          />
        ) : null}
      </section>

      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

export function summariseSlots(slots: Slot[]): string[] {
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return [...slots]
    .sort((a, b) => a.day - b.day || a.start - b.start)
    .map((s) => `${days[s.day - 1] ?? '?'} ${timeOfDay(s.start)}–${timeOfDay(s.end)}`);
}

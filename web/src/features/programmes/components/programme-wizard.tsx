// Create or edit a programme in five short steps. Each step checks what it can before
// moving on; the server's field errors take the user back to the step that holds the field.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { CheckboxField, Fieldset, SelectField, TextArea, TextField } from '../../../components/field';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { categories, categoryLabels, formatDate, kindDescriptions, kindLabels } from '../../../lib/format';
import type { Cadence, Objective, Programme, ProgrammeKind } from '../../../lib/types';
import { useTopics } from '../../topics/api/get-topics';
import type { ProgrammeInput } from '../api/create-programme';
import {
  defaultSettings,
  describeRules,
  objectives,
  ruleDefs,
  weightDefs,
  weightShares,
  withDefaults,
} from './matching-vocabulary';

export const wizardSteps = ['Basics', 'Topics', 'Schedule', 'Matching', 'Review'] as const;

export interface WizardValues {
  name: string;
  kind: ProgrammeKind;
  description: string;
  goals: string;
  topicIds: string[];
  cohortStart: string;
  cohortEnd: string;
  meetingCadence: Cadence;
  defaultMentorCapacity: string;
  objective: Objective;
  weights: Record<string, number>;
  rules: Record<string, boolean | number>;
}

export function initialValues(programme?: Programme): WizardValues {
  if (programme) {
    const settings = withDefaults(programme.kind, programme.matchingSettings);
    return {
      name: programme.name,
      kind: programme.kind,
      description: programme.description ?? '',
      goals: programme.goals.join('\n'),
      topicIds: programme.topics.map((t) => t.id),
      cohortStart: programme.cohortStart,
      cohortEnd: programme.cohortEnd,
      meetingCadence: programme.meetingCadence,
      defaultMentorCapacity: String(programme.defaultMentorCapacity),
      objective: settings.objective,
      weights: settings.weights,
      rules: settings.rules,
    };
  }
  const settings = defaultSettings('reverse');
  return {
    name: '',
    kind: 'reverse',
    description: '',
    goals: '',
    topicIds: [],
    cohortStart: '',
    cohortEnd: '',
    meetingCadence: 'monthly',
    defaultMentorCapacity: '1',
    objective: settings.objective,
    weights: settings.weights,
    rules: settings.rules,
  };
}

export function toInput(v: WizardValues): ProgrammeInput {
  return {
    name: v.name.trim(),
    kind: v.kind,
    description: v.description.trim() || null,
    goals: v.goals
      .split('\n')
      .map((g) => g.trim())
      .filter(Boolean),
    cohortStart: v.cohortStart,
    cohortEnd: v.cohortEnd,
    meetingCadence: v.meetingCadence,
    defaultMentorCapacity: Number(v.defaultMentorCapacity),
    topicIds: v.topicIds,
    matchingSettings: { objective: v.objective, weights: v.weights, rules: v.rules },
  };
}

/** Which step holds a field the server named. */
export function stepOfField(path: string): number {
  const head = path.split('.')[0] ?? '';
  if (['name', 'kind', 'description', 'goals'].includes(head)) return 0;
  if (head === 'topicIds') return 1;
  if (['cohortStart', 'cohortEnd', 'meetingCadence', 'defaultMentorCapacity'].includes(head)) return 2;
  if (head === 'matchingSettings') return 3;
  return 4;
}

/** Problems the browser can find on one step, by field. */
export function checkStep(step: number, v: WizardValues): Record<string, string> {
  const problems: Record<string, string> = {};
  if (step === 0 && !v.name.trim()) problems.name = 'is required';
  if (step === 1 && v.topicIds.length === 0)
    problems.topicIds = 'choose at least one topic people can offer or seek';
  if (step === 2) {
    if (!v.cohortStart) problems.cohortStart = 'is required';
    if (!v.cohortEnd) problems.cohortEnd = 'is required';
    if (v.cohortStart && v.cohortEnd && v.cohortEnd < v.cohortStart)
      problems.cohortEnd = 'must be on or after the start';
    const cap = Number(v.defaultMentorCapacity);
    if (!Number.isInteger(cap) || cap < 1 || cap > 20)
      problems.defaultMentorCapacity = 'must be a whole number from 1 to 20';
  }
  return problems;
}

const cadenceLabels: Record<Cadence, string> = {
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
};

function StepNav({
  step,
  onGo,
  maxReached,
}: {
  step: number;
  onGo: (s: number) => void;
  maxReached: number;
}) {
  return (
    <nav aria-label="Steps" className="steps">
      <ol>
        {wizardSteps.map((label, i) => (
          <li
            key={label}
            className={`steps__item${i === step ? ' steps__item--current' : ''}${i < step ? ' steps__item--done' : ''}`}
          >
            <button
              type="button"
              onClick={() => onGo(i)}
              disabled={i > maxReached}
              aria-current={i === step ? 'step' : undefined}
            >
              <span className="steps__number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="steps__label">{label}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function ProgrammeWizard({
  programme,
  busy,
  error,
  submitLabel,
  onSubmit,
}: {
  programme?: Programme;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: ProgrammeInput) => void;
}) {
  const [values, setValues] = useState<WizardValues>(() => initialValues(programme));
  const [step, setStep] = useState(0);
  const [maxReached, setMaxReached] = useState(programme ? wizardSteps.length - 1 : 0);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [weightsTouched, setWeightsTouched] = useState(Boolean(programme));
  const topics = useTopics();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const server = fieldErrorsOf(error);
  const errors = { ...server, ...local };

  // After a failed save, go to the first step with a field at fault.
  useEffect(() => {
    const paths = Object.keys(fieldErrorsOf(error));
    if (paths.length) setStep(Math.min(...paths.map(stepOfField)));
  }, [error]);

  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const set = <K extends keyof WizardValues>(key: K, value: WizardValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const go = (target: number) => {
    if (target > step) {
      for (let s = step; s < target; s++) {
        const problems = checkStep(s, values);
        if (Object.keys(problems).length) {
          setLocal(problems);
          setStep(s);
          return;
        }
      }
    }
    setLocal({});
    setStep(target);
    setMaxReached((m) => Math.max(m, target));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step < wizardSteps.length - 1) {
      go(step + 1);
      return;
    }
    for (let s = 0; s < wizardSteps.length; s++) {
      const problems = checkStep(s, values);
      if (Object.keys(problems).length) {
        setLocal(problems);
        setStep(s);
        return;
      }
    }
    onSubmit(toInput(values));
  };

  const shares = weightShares(values.weights);
  const serverProblems = error ? Object.keys(server).length : 0;

  return (
    <form className="wizard" onSubmit={submit} noValidate aria-labelledby={headingId}>
      <StepNav step={step} onGo={go} maxReached={maxReached} />
      <div className="card wizard__panel">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="wizard__title">
          Step {step + 1} of {wizardSteps.length}: {wizardSteps[step]}
        </h2>
        {error ? (
          <Alert title={serverProblems ? 'Some answers need another look' : 'The programme was not saved'}>
            <p>{messageOf(error)}</p>
          </Alert>
        ) : null}

        {step === 0 ? (
          <div className="stack">
            <TextField
              label="Programme name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              error={errors.name}
              required
            />
            <Fieldset legend="Kind of mentoring" error={errors.kind}>
              <div className="choice-cards">
                {(['reverse', 'conventional', 'mutual'] as const).map((kind) => (
                  <label
                    key={kind}
                    className={`choice-card${values.kind === kind ? ' choice-card--selected' : ''}`}
                  >
                    <input
                      type="radio"
                      name="kind"
                      value={kind}
                      checked={values.kind === kind}
                      onChange={() =>
                        setValues((v) => {
                          const next = { ...v, kind };
                          // Until the manager tunes them, the weights and rules follow the kind.
                          if (!weightsTouched) {
                            const d = defaultSettings(kind);
                            next.weights = d.weights;
                            next.rules = d.rules;
                          }
                          return next;
                        })
                      }
                    />
                    <span className="choice-card__title">{kindLabels[kind]} mentoring</span>
                    <span className="choice-card__text">{kindDescriptions[kind]}</span>
                  </label>
                ))}
              </div>
            </Fieldset>
            <TextArea
              label="What is the programme for? (optional)"
              hint="Shown to people when they enrol."
              rows={3}
              value={values.description}
              onChange={(e) => set('description', e.target.value)}
              error={errors.description}
            />
            <TextArea
              label="Programme goals (optional)"
              hint="One goal per line, e.g. “Lift leaders’ confidence with AI tools”."
              rows={3}
              value={values.goals}
              onChange={(e) => set('goals', e.target.value)}
              error={errors.goals ?? Object.entries(errors).find(([k]) => k.startsWith('goals.'))?.[1]}
            />
          </div>
        ) : null}

        {step === 1 ? (
          <div className="stack">
            {topics.isPending ? <Loading label="Loading topics…" /> : null}
            {topics.isError ? <ErrorState error={topics.error} retry={() => topics.refetch()} /> : null}
            {topics.data && topics.data.length === 0 ? (
              <EmptyState title="Your topic catalogue is empty" action={<Link to="/topics">Add topics</Link>}>
                <p>Add the topics people can share and learn first; then come back to this programme.</p>
              </EmptyState>
            ) : null}
            {topics.data && topics.data.length > 0 ? (
              <Fieldset
                legend={`Topics in this programme (${values.topicIds.length} chosen)`}
                hint="People enrolling choose from these what they can offer and what they want to learn."
                error={
                  errors.topicIds ?? Object.entries(errors).find(([k]) => k.startsWith('topicIds.'))?.[1]
                }
              >
                <div className="topic-columns">
                  {categories
                    .map((c) => ({ c, items: topics.data.filter((t) => t.category === c) }))
                    .filter((g) => g.items.length)
                    .map((g) => (
                      <div key={g.c} className="topic-group">
                        <p className="topic-group__title">{categoryLabels[g.c]}</p>
                        {g.items.map((t) => (
                          <CheckboxField
                            key={t.id}
                            label={t.name}
                            checked={values.topicIds.includes(t.id)}
                            onChange={(e) =>
                              set(
                                'topicIds',
                                e.target.checked
                                  ? [...values.topicIds, t.id]
                                  : values.topicIds.filter((id) => id !== t.id),
                              )
                            }
                          />
                        ))}
                      </div>
                    ))}
                </div>
              </Fieldset>
            ) : null}
          </div>
        ) : null}

        {step === 2 ? (
          <div className="stack">
            <div className="form-row">
              <TextField
                label="Cohort starts"
                type="date"
                value={values.cohortStart}
                onChange={(e) => set('cohortStart', e.target.value)}
                error={errors.cohortStart}
                required
              />
              <TextField
                label="Cohort ends"
                type="date"
                value={values.cohortEnd}
                onChange={(e) => set('cohortEnd', e.target.value)}
                error={errors.cohortEnd}
                required
              />
            </div>
            <div className="form-row">
              <SelectField
                label="Meeting cadence"
                hint="How often each pair is expected to meet."
                value={values.meetingCadence}
                onChange={(e) => set('meetingCadence', e.target.value as Cadence)}
                error={errors.meetingCadence}
              >
                {(Object.keys(cadenceLabels) as Cadence[]).map((c) => (
                  <option key={c} value={c}>
                    {cadenceLabels[c]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Mentees per mentor"
                hint="The default; each mentor can change it when enrolling."
                type="number"
                min={1}
                max={20}
                inputMode="numeric"
                value={values.defaultMentorCapacity}
                onChange={(e) => set('defaultMentorCapacity', e.target.value)}
                error={errors.defaultMentorCapacity}
              />
            </div>
          </div>
        ) : null}

        {step === 3 ? (
          <div className="stack">
            <Fieldset
              legend="What matters most when pairing the whole cohort"
              error={errors['matchingSettings.objective']}
            >
              <div className="choice-cards">
                {objectives.map((o) => (
                  <label
                    key={o.value}
                    className={`choice-card${values.objective === o.value ? ' choice-card--selected' : ''}`}
                  >
                    <input
                      type="radio"
                      name="objective"
                      value={o.value}
                      checked={values.objective === o.value}
                      onChange={() => set('objective', o.value)}
                    />
                    <span className="choice-card__title">{o.label}</span>
                    <span className="choice-card__text">{o.description}</span>
                  </label>
                ))}
              </div>
            </Fieldset>
            <Fieldset
              legend="How a pair’s score is made up"
              hint="Slide to say how much each thing counts. The percentages show each one’s share of the score."
              error={Object.entries(errors).find(([k]) => k.startsWith('matchingSettings.weights'))?.[1]}
            >
              <div className="weights">
                {weightDefs.map((w) => {
                  const id = `weight-${w.key}`;
                  return (
                    <div key={w.key} className="weight">
                      <div className="weight__head">
                        <label htmlFor={id} className="field__label">
                          {w.label}
                        </label>
                        <output htmlFor={id} className="weight__share">
                          {shares[w.key] ?? 0}%
                        </output>
                      </div>
                      <p className="field__hint" id={`${id}-hint`}>
                        {w.description}
                      </p>
                      <input
                        id={id}
                        type="range"
                        min={0}
                        max={1}
                        step={0.05}
                        value={values.weights[w.key] ?? 0}
                        aria-describedby={`${id}-hint`}
                        aria-valuetext={`${shares[w.key] ?? 0}% of the score`}
                        onChange={(e) => {
                          setWeightsTouched(true);
                          set('weights', { ...values.weights, [w.key]: Number(e.target.value) });
                        }}
                      />
                    </div>
                  );
                })}
              </div>
            </Fieldset>
            <Fieldset
              legend="Rules no pair may break"
              hint="People who cannot be paired without breaking a rule stay unmatched, with the reason shown."
              error={Object.entries(errors).find(([k]) => k.startsWith('matchingSettings.rules'))?.[1]}
            >
              <div className="rules">
                {ruleDefs.map((r) => (
                  <div key={r.key} className="rule">
                    <CheckboxField
                      label={r.label(values.kind)}
                      hint={r.description(values.kind)}
                      checked={values.rules[r.key] === true}
                      onChange={(e) => {
                        setWeightsTouched(true);
                        set('rules', { ...values.rules, [r.key]: e.target.checked });
                      }}
                    />
                    {r.amount && values.rules[r.key] === true ? (
                      <TextField
                        className="rule__amount"
                        label={r.amount.label}
                        type="number"
                        min={r.amount.min}
                        max={r.amount.max}
                        step={r.amount.step}
                        value={String(values.rules[r.amount.key] ?? '')}
                        onChange={(e) =>
                          set('rules', { ...values.rules, [r.amount?.key ?? '']: Number(e.target.value) })
                        }
                      />
                    ) : null}
                  </div>
                ))}
                <TextField
                  className="field--narrow"
                  label="Lowest acceptable score (%)"
                  hint="Leave someone unmatched rather than give them a pair scoring below this. 0 accepts any pair that keeps the rules."
                  type="number"
                  min={0}
                  max={100}
                  step={5}
                  value={String(Math.round(Number(values.rules.minScore ?? 0) * 100))}
                  onChange={(e) =>
                    set('rules', {
                      ...values.rules,
                      minScore: Math.min(100, Math.max(0, Number(e.target.value))) / 100,
                    })
                  }
                />
              </div>
            </Fieldset>
          </div>
        ) : null}

        {step === 4 ? (
          <Review values={values} topicNames={new Map((topics.data ?? []).map((t) => [t.id, t.name]))} />
        ) : null}

        <div className="wizard__actions">
          {step > 0 ? (
            <Button variant="secondary" onClick={() => go(step - 1)}>
              ← Back
            </Button>
          ) : (
            <span />
          )}
          {step < wizardSteps.length - 1 ? (
            <Button type="submit">Next: {wizardSteps[step + 1]} →</Button>
          ) : (
            <Button type="submit" busy={busy}>
              {submitLabel}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}

function Review({ values, topicNames }: { values: WizardValues; topicNames: Map<string, string> }) {
  const input = toInput(values);
  const shares = weightShares(values.weights);
  const rules = describeRules(values.kind, values.rules);
  const objective = objectives.find((o) => o.value === values.objective);
  return (
    <dl className="summary">
      <div>
        <dt>Name</dt>
        <dd>{input.name}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{kindLabels[input.kind]} mentoring</dd>
      </div>
      {input.goals.length ? (
        <div>
          <dt>Goals</dt>
          <dd>
            <ul>
              {input.goals.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      <div>
        <dt>Topics</dt>
        <dd>{input.topicIds.map((id) => topicNames.get(id) ?? 'Unknown topic').join(', ')}</dd>
      </div>
      <div>
        <dt>Cohort</dt>
        <dd>
          {formatDate(input.cohortStart)} to {formatDate(input.cohortEnd)}, meeting{' '}
          {cadenceLabels[input.meetingCadence].toLowerCase()}, up to {input.defaultMentorCapacity} mentee
          {input.defaultMentorCapacity === 1 ? '' : 's'} per mentor
        </dd>
      </div>
      <div>
        <dt>Matching</dt>
        <dd>
          {objective?.label}: {objective?.description}
        </dd>
      </div>
      <div>
        <dt>Score</dt>
        <dd>
          {weightDefs
            .filter((w) => (shares[w.key] ?? 0) > 0)
            .map((w) => `${w.label} ${shares[w.key]}%`)
            .join(' · ')}
        </dd>
      </div>
      <div>
        <dt>Rules</dt>
        <dd>
          {rules.length ? (
            <ul>
              {rules.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          ) : (
            'None: any two people may be paired.'
          )}
        </dd>
      </div>
    </dl>
  );
}

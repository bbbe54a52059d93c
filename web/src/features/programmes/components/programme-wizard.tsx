// Create or edit a programme in five short steps (wizard-steps.tsx). Each step checks what
// it can before moving on; the server's field errors take the user back to the step that
// holds the field.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Button } from '../../../components/button';
import { defaultSettings } from '../../../components/matching-words';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Programme, ProgrammeKind } from '../../../lib/types';
import { useTopics } from '../../topics/api/get-topics';
import type { ProgrammeInput } from '../api/create-programme';
import {
  BasicsStep,
  MatchingStep,
  ReviewStep,
  ScheduleStep,
  type StepProps,
  TopicsStep,
  type WizardValues,
} from './wizard-steps';

export type { WizardValues } from './wizard-steps';

export const wizardSteps = ['Basics', 'Topics', 'Schedule', 'Matching', 'Review'] as const;

export function initialValues(programme?: Programme): WizardValues {
  if (programme) {
    return {
      name: programme.name,
      kind: programme.kind,
      format: programme.format,
      description: programme.description ?? '',
      goals: programme.goals.join('\n'),
      topicIds: programme.topics.map((t) => t.id),
      cohortStart: programme.cohortStart,
      cohortEnd: programme.cohortEnd,
      meetingCadence: programme.meetingCadence,
      defaultMentorCapacity: String(programme.defaultMentorCapacity),
      matchingSettings: programme.matchingSettings,
    };
  }
  return {
    name: '',
    kind: 'reverse',
    format: 'one_to_one',
    description: '',
    goals: '',
    topicIds: [],
    cohortStart: '',
    cohortEnd: '',
    meetingCadence: 'monthly',
    defaultMentorCapacity: '1',
    matchingSettings: defaultSettings('reverse'),
  };
}

export function toInput(v: WizardValues): ProgrammeInput {
  return {
    name: v.name.trim(),
    kind: v.kind,
    format: v.format,
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
    matchingSettings: v.matchingSettings,
  };
}

/** Which step holds a field the server named. */
export function stepOfField(path: string): number {
  const head = path.split('.')[0] ?? '';
  if (['name', 'kind', 'format', 'description', 'goals'].includes(head)) return 0;
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

/** Where the wizard is: the step shown, the furthest step reached, and the browser's own findings. */
function useSteps(values: WizardValues, editing: boolean, error: unknown) {
  const [step, setStep] = useState(0);
  const [maxReached, setMaxReached] = useState(editing ? wizardSteps.length - 1 : 0);
  const [local, setLocal] = useState<Record<string, string>>({});

  // After a failed save, go to the first step with a field at fault.
  useEffect(() => {
    const paths = Object.keys(fieldErrorsOf(error));
    if (paths.length) setStep(Math.min(...paths.map(stepOfField)));
  }, [error]);

  /** Stops at the first step (up to `until`) with a problem; true when there is none. */
  const checkUpTo = (from: number, until: number) => {
    for (let s = from; s < until; s++) {
      const problems = checkStep(s, values);
      if (Object.keys(problems).length) {
        setLocal(problems);
        setStep(s);
        return false;
      }
    }
    return true;
  };
  const go = (target: number) => {
    if (target > step && !checkUpTo(step, target)) return;
    setLocal({});
    setStep(target);
    setMaxReached((m) => Math.max(m, target));
  };
  return { step, maxReached, local, go, checkAll: () => checkUpTo(0, wizardSteps.length) };
}

/** Moves focus to the step's heading when the step changes (not on the first render). */
function useFocusOnStep(step: number) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the step
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);
  return headingRef;
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
  // Until the manager tunes them, the matching settings follow the kind.
  const [settingsTouched, setSettingsTouched] = useState(Boolean(programme));
  const { step, maxReached, local, go, checkAll } = useSteps(values, Boolean(programme), error);
  const headingRef = useFocusOnStep(step);
  const headingId = useId();
  const topics = useTopics();
  const server = fieldErrorsOf(error);
  const serverProblems = error ? Object.keys(server).length : 0;

  const stepProps: StepProps = {
    values,
    errors: { ...server, ...local },
    set: (key, value) => setValues((v) => ({ ...v, [key]: value })),
  };
  const chooseKind = (kind: ProgrammeKind) =>
    setValues((v) => ({
      ...v,
      kind,
      format: kind !== 'mutual' && v.format === 'peer' ? 'one_to_one' : v.format,
      matchingSettings: settingsTouched ? v.matchingSettings : defaultSettings(kind),
    }));
  const changeSettings = (matchingSettings: WizardValues['matchingSettings']) => {
    setSettingsTouched(true);
    setValues((v) => ({ ...v, matchingSettings }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step < wizardSteps.length - 1) go(step + 1);
    else if (checkAll()) onSubmit(toInput(values));
  };

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
        {step === 0 ? <BasicsStep {...stepProps} onKind={chooseKind} /> : null}
        {step === 1 ? <TopicsStep {...stepProps} /> : null}
        {step === 2 ? <ScheduleStep {...stepProps} /> : null}
        {step === 3 ? <MatchingStep {...stepProps} onSettings={changeSettings} /> : null}
        {step === 4 ? (
          <ReviewStep
            input={toInput(values)}
            topicNames={new Map((topics.data ?? []).map((t) => [t.id, t.name]))}
          />
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

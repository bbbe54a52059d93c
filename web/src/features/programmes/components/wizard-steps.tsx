// The five steps of the programme wizard, one component each. Each step edits its part
// of the wizard's values and shows the errors of its fields.
import { Link } from 'react-router';
import {
  CheckboxField,
  ChoiceCards,
  Fieldset,
  SelectField,
  TextArea,
  TextField,
} from '../../../components/field';
import { errorsUnder, MatchingSettingsEditor } from '../../../components/matching-settings-editor';
import { describeRules, objectiveWords, weightShares, weightWords } from '../../../components/matching-words';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import {
  categories,
  categoryLabels,
  formatDate,
  formatLabels,
  kindDescriptions,
  kindLabels,
} from '../../../lib/format';
import type { Cadence, ProgrammeFormat, ProgrammeKind } from '../../../lib/types';
import { useTopics } from '../../topics/api/get-topics';
import type { ProgrammeInput } from '../api/create-programme';

export interface WizardValues {
  name: string;
  kind: ProgrammeKind;
  format: ProgrammeFormat;
  description: string;
  goals: string;
  topicIds: string[];
  cohortStart: string;
  cohortEnd: string;
  meetingCadence: Cadence;
  defaultMentorCapacity: string;
  matchingSettings: ProgrammeInput['matchingSettings'];
}

export interface StepProps {
  values: WizardValues;
  set: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
  errors: Record<string, string>;
}

export const cadenceLabels: Record<Cadence, string> = {
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
};

const formatDescriptions: Record<ProgrammeFormat, string> = {
  one_to_one: 'Each mentee is paired with a mentor.',
  peer: 'One pool of equals: everyone teaches and learns, paired two by two (two-way programmes).',
  circles: 'Small groups of members around shared topics, each with one or two facilitators.',
};

const firstUnder = (errors: Record<string, string>, prefix: string) =>
  Object.entries(errors).find(([k]) => k.startsWith(prefix))?.[1];

export function BasicsStep({
  values,
  set,
  errors,
  onKind,
}: StepProps & { onKind: (kind: ProgrammeKind) => void }) {
  return (
    <div className="stack">
      <TextField
        label="Programme name"
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        error={errors.name}
        required
      />
      <ChoiceCards
        legend="Kind of mentoring"
        error={errors.kind}
        name="kind"
        choices={(['reverse', 'conventional', 'mutual'] as const).map((kind) => ({
          value: kind,
          title: `${kindLabels[kind]} mentoring`,
          text: kindDescriptions[kind],
        }))}
        value={values.kind}
        onChange={onKind}
      />
      <ChoiceCards
        legend="Format"
        error={errors.format}
        name="format"
        choices={(['one_to_one', 'peer', 'circles'] as const).map((format) => ({
          value: format,
          title: formatLabels[format],
          text: formatDescriptions[format],
        }))}
        value={values.format}
        onChange={(format) => {
          set('format', format);
          // A peer pool is two-way by nature: everyone teaches and learns.
          if (format === 'peer' && values.kind !== 'mutual') onKind('mutual');
        }}
      />
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
        error={errors.goals ?? firstUnder(errors, 'goals.')}
      />
    </div>
  );
}

export function TopicsStep({ values, set, errors }: StepProps) {
  const topics = useTopics();
  const toggle = (id: string, on: boolean) =>
    set('topicIds', on ? [...values.topicIds, id] : values.topicIds.filter((t) => t !== id));
  return (
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
          error={errors.topicIds ?? firstUnder(errors, 'topicIds.')}
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
                      onChange={(e) => toggle(t.id, e.target.checked)}
                    />
                  ))}
                </div>
              ))}
          </div>
        </Fieldset>
      ) : null}
    </div>
  );
}

export function ScheduleStep({ values, set, errors }: StepProps) {
  return (
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
  );
}

export function MatchingStep({
  values,
  errors,
  onSettings,
}: Omit<StepProps, 'set'> & { onSettings: (next: WizardValues['matchingSettings']) => void }) {
  return (
    <MatchingSettingsEditor
      kind={values.kind}
      value={values.matchingSettings}
      onChange={onSettings}
      errors={errorsUnder(errors, 'matchingSettings.')}
    />
  );
}

export function ReviewStep({
  input,
  topicNames,
}: {
  input: ProgrammeInput;
  topicNames: Map<string, string>;
}) {
  const settings = input.matchingSettings;
  const shares = weightShares(settings.weights);
  const rules = describeRules(input.kind, settings.rules);
  const objective = objectiveWords[settings.objective];
  return (
    <dl className="summary">
      <div>
        <dt>Name</dt>
        <dd>{input.name}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{kindLabels[input.kind]} mentoring</dd>
        <dt>Format</dt>
        <dd>{formatLabels[input.format]}</dd>
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
          {objective.label}: {objective.description}
        </dd>
      </div>
      <div>
        <dt>Score</dt>
        <dd>
          {(Object.keys(weightWords) as (keyof typeof weightWords)[])
            .filter((k) => shares[k] > 0)
            .map((k) => `${weightWords[k].label} ${shares[k]}%`)
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

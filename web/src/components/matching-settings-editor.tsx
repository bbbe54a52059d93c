// The one editor of matching settings, in the engine's own shape: the programme wizard
// saves what it edits as the programme's settings, the matching workspace sends it as a
// run's settings. Nothing is translated on the way.
import { useState } from 'react';
import type { ProgrammeKind } from '../lib/types';
import { Button } from './button';
import { CheckboxField, ChoiceCards, Fieldset, TextField } from './field';
import {
  amountBounds,
  amountOf,
  type ComponentName,
  type MatchSettings,
  objectives,
  objectiveWords,
  type RuleName,
  type RuleWords,
  ruleNames,
  ruleWords,
  weightShares,
  weightWords,
} from './matching-words';

/** Field errors under a path (e.g. `matchingSettings.`), keyed by the rest of the path. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors))
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = message;
  return out;
}

const firstUnder = (errors: Record<string, string>, prefix: string) =>
  Object.entries(errors).find(([path]) => path.startsWith(prefix))?.[1];

const numberFrom = (text: string) => (Number.isFinite(Number(text)) ? Number(text) : 0);

export function MatchingSettingsEditor({
  kind,
  value,
  onChange,
  errors,
  folded = false,
}: {
  kind: ProgrammeKind;
  value: MatchSettings;
  onChange: (next: MatchSettings) => void;
  /** Field errors by their path inside the settings, e.g. `rules.jobLevel.gap`. */
  errors: Record<string, string>;
  /** Keep the rules and weights behind a button (a run's settings) rather than open (a programme's). */
  folded?: boolean;
}) {
  const [open, setOpen] = useState(!folded);
  return (
    <div className="stack">
      <ObjectiveChoice value={value} onChange={onChange} error={errors.objective} />
      <CheckboxField
        label="Match as many people as possible"
        hint="Prefer one more pair over a slightly better score for the pairs already made."
        checked={value.maximiseMatches}
        onChange={(e) => onChange({ ...value, maximiseMatches: e.target.checked })}
      />
      {folded ? (
        <div>
          <Button variant="ghost" size="small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? '▾ Hide rules and weights' : '▸ Rules and weights for this run'}
          </Button>
        </div>
      ) : null}
      {open ? (
        <>
          <WeightSliders value={value} onChange={onChange} errors={errors} />
          <RuleSwitches kind={kind} value={value} onChange={onChange} errors={errors} />
        </>
      ) : null}
    </div>
  );
}

interface PartProps {
  value: MatchSettings;
  onChange: (next: MatchSettings) => void;
}

function ObjectiveChoice({ value, onChange, error }: PartProps & { error: string | undefined }) {
  return (
    <ChoiceCards
      legend="What matters most when pairing the whole cohort"
      error={error}
      name="objective"
      choices={objectives.map((o) => ({
        value: o,
        title: objectiveWords[o].label,
        text: objectiveWords[o].description,
      }))}
      value={value.objective}
      onChange={(objective) => onChange({ ...value, objective })}
    />
  );
}

function WeightSliders({ value, onChange, errors }: PartProps & { errors: Record<string, string> }) {
  const shares = weightShares(value.weights);
  return (
    <Fieldset
      legend="How a pair’s score is made up"
      hint="Slide to say how much each thing counts. The percentages show each one’s share of the score."
      error={firstUnder(errors, 'weights')}
    >
      <div className="weights">
        {(Object.keys(weightWords) as ComponentName[]).map((key) => {
          const id = `weight-${key}`;
          return (
            <div key={key} className="weight">
              <div className="weight__head">
                <label htmlFor={id} className="field__label">
                  {weightWords[key].label}
                </label>
                <output htmlFor={id} className="weight__share">
                  {shares[key]}%
                </output>
              </div>
              <p className="field__hint" id={`${id}-hint`}>
                {weightWords[key].description}
              </p>
              <input
                id={id}
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={value.weights[key]}
                aria-describedby={`${id}-hint`}
                aria-valuetext={`${shares[key]}% of the score`}
                onChange={(e) =>
                  onChange({ ...value, weights: { ...value.weights, [key]: numberFrom(e.target.value) } })
                }
              />
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

function RuleSwitches({
  kind,
  value,
  onChange,
  errors,
}: PartProps & { kind: ProgrammeKind; errors: Record<string, string> }) {
  const setRule = (name: RuleName, change: Record<string, boolean | number>) =>
    onChange({ ...value, rules: { ...value.rules, [name]: { ...value.rules[name], ...change } } });
  return (
    <Fieldset
      legend="Rules no pair may break"
      hint="People who cannot be paired without breaking a rule stay unmatched, with the reason shown."
      error={firstUnder(errors, 'rules')}
    >
      <div className="rules">
        {ruleNames.map((name) => {
          const words = ruleWords[name] as RuleWords<RuleName>;
          const amount = words.amount ? String(words.amount.key) : null;
          return (
            <div key={name} className="rule">
              <CheckboxField
                label={words.label(kind)}
                hint={words.description(kind)}
                checked={value.rules[name].enabled}
                onChange={(e) => setRule(name, { enabled: e.target.checked })}
              />
              {words.amount && amount && value.rules[name].enabled ? (
                <TextField
                  className="rule__amount"
                  label={words.amount.label}
                  type="number"
                  {...amountBounds(name, amount)}
                  step={words.amount.step}
                  value={String(amountOf(value.rules, name, amount))}
                  error={errors[`rules.${name}.${amount}`]}
                  onChange={(e) => setRule(name, { [amount]: numberFrom(e.target.value) })}
                />
              ) : null}
            </div>
          );
        })}
        <TextField
          className="field--narrow"
          label="Lowest acceptable score (%)"
          hint="Leave someone unmatched rather than give them a pair scoring below this. 0 accepts any pair that keeps the rules."
          type="number"
          min={0}
          max={100}
          step={5}
          value={String(Math.round(value.rules.minScore * 100))}
          error={errors['rules.minScore']}
          onChange={(e) =>
            onChange({
              ...value,
              rules: {
                ...value.rules,
                minScore: Math.min(100, Math.max(0, numberFrom(e.target.value))) / 100,
              },
            })
          }
        />
      </div>
    </Fieldset>
  );
}

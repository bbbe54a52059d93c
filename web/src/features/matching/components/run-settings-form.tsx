// "Run matching": the objective, the rules and the weights for this run, in plain words.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { CheckboxField, FieldError, Fieldset, TextField } from '../../../components/field';
import { fieldErrorsOf } from '../../../lib/api-client';
import type { Programme } from '../../../lib/types';
import {
  objectives,
  ruleDefs,
  weightDefs,
  weightShares,
} from '../../programmes/components/matching-vocabulary';
import type { ComponentName, RunSettings } from '../types';
import { draftFrom, type SettingsDraft, toRunSettings } from './settings';

export function RunSettingsForm({
  programme,
  busy,
  error,
  submitLabel,
  onSubmit,
}: {
  programme: Programme;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (settings: RunSettings) => void;
}) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(programme));
  const [open, setOpen] = useState(false);
  const fields = fieldErrorsOf(error);
  const shares = weightShares(draft.weights);
  const setRule = (key: string, value: boolean | number) =>
    setDraft((d) => ({ ...d, rules: { ...d.rules, [key]: value } }));

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(toRunSettings(draft));
  }

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Matching settings">
      <Fieldset legend="What matters most" error={fields['settings.objective']}>
        <div className="choice-cards">
          {objectives.map((o) => {
            const value = o.value === 'max_total' ? 'total' : o.value;
            const selected = draft.objective === value;
            return (
              <label key={o.value} className={`choice-card${selected ? ' choice-card--selected' : ''}`}>
                <input
                  type="radio"
                  name="objective"
                  value={value}
                  checked={selected}
                  onChange={() => setDraft((d) => ({ ...d, objective: value }))}
                />
                <span className="choice-card__title">{o.label}</span>
                <span className="choice-card__text">{o.description}</span>
              </label>
            );
          })}
        </div>
      </Fieldset>
      <CheckboxField
        label="Match as many people as possible"
        hint="Prefer one more pair over a slightly better score for the pairs already made."
        checked={draft.maximiseMatches}
        onChange={(e) => setDraft((d) => ({ ...d, maximiseMatches: e.target.checked }))}
      />
      <div>
        <Button variant="ghost" size="small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? '▾ Hide rules and weights' : '▸ Rules and weights for this run'}
        </Button>
      </div>
      {open ? (
        <div className="grid grid--two">
          <Fieldset legend="Rules (never broken)">
            {ruleDefs.map((def) => (
              <div key={def.key} className="stack stack--tight">
                <CheckboxField
                  label={def.label(programme.kind)}
                  hint={def.description(programme.kind)}
                  checked={draft.rules[def.key] === true}
                  onChange={(e) => setRule(def.key, e.target.checked)}
                />
                {def.amount && draft.rules[def.key] === true ? (
                  <TextField
                    className="field--narrow"
                    label={def.amount.label}
                    type="number"
                    min={def.amount.min}
                    max={def.amount.max}
                    step={def.amount.step}
                    value={String(draft.rules[def.amount.key] ?? '')}
                    onChange={(e) => {
                      const amountKey = def.amount?.key ?? '';
                      setRule(amountKey, Number(e.target.value));
                    }}
                  />
                ) : null}
              </div>
            ))}
            <TextField
              className="field--narrow"
              label="Lowest acceptable score (%)"
              hint="Leave someone unmatched rather than give them a weaker pair. 0 accepts any pair the rules allow."
              type="number"
              min={0}
              max={100}
              step={5}
              value={String(Math.round(Number(draft.rules.minScore ?? 0) * 100))}
              error={fields['settings.rules.minScore']}
              onChange={(e) => setRule('minScore', Number(e.target.value) / 100)}
            />
          </Fieldset>
          <Fieldset legend="What makes a good pair (weights)">
            {weightDefs.map((w) => (
              <div key={w.key} className="weight">
                <TextField
                  label={`${w.label} (${shares[w.key] ?? 0}% of the score)`}
                  hint={w.description}
                  type="number"
                  min={0}
                  max={1}
                  step={0.05}
                  value={String(draft.weights[w.key as ComponentName] ?? 0)}
                  error={fields[`settings.weights.${w.key}`]}
                  onChange={(e) =>
                    setDraft((d) => ({
                      ...d,
                      weights: { ...d.weights, [w.key]: Math.max(0, Number(e.target.value) || 0) },
                    }))
                  }
                />
              </div>
            ))}
          </Fieldset>
        </div>
      ) : null}
      <FieldError message={fields.settings ?? fields['programme.status']} />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

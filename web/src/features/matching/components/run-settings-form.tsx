// "Run matching": the programme's settings, adjusted for this run in the one settings editor.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { FieldError } from '../../../components/field';
import { errorsUnder, MatchingSettingsEditor } from '../../../components/matching-settings-editor';
import { fieldErrorsOf } from '../../../lib/api-client';
import type { MatchSettings, Programme } from '../../../lib/types';

export function RunSettingsForm({
  programme,
  busy,
  error,
  submitLabel,
  onSubmit,
}: {
  programme: Pick<Programme, 'kind' | 'matchingSettings'>;
  busy: boolean;
  error: unknown;
  submitLabel: string;
  /** Every setting, spelled out, so the run says what it used. */
  onSubmit: (settings: MatchSettings) => void;
}) {
  const [settings, setSettings] = useState<MatchSettings>(programme.matchingSettings);
  const fields = fieldErrorsOf(error);

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit(settings);
  }

  return (
    <form onSubmit={submit} noValidate className="stack" aria-label="Matching settings">
      <MatchingSettingsEditor
        kind={programme.kind}
        value={settings}
        onChange={setSettings}
        errors={errorsUnder(fields, 'settings.')}
        folded
      />
      <FieldError message={fields.settings ?? fields['programme.status']} />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';

export const passwordHint =
  'At least 10 characters. A few unrelated words work well; common passwords are refused.';

/** Choosing a password through an emailed link (a reset, an invitation); a problem not about the password shows above it. */
export function NewPasswordForm({
  title,
  fieldLabel,
  errorTitle,
  submitLabel,
  error,
  busy,
  onSubmit,
}: {
  title: string;
  fieldLabel: string;
  errorTitle: string;
  submitLabel: string;
  error: unknown;
  busy: boolean;
  onSubmit: (password: string) => void;
}) {
  const [password, setPassword] = useState('');
  const fields = fieldErrorsOf(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(password);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={title}>
      {error && !fields.password ? <Alert title={errorTitle}>{messageOf(error)}</Alert> : null}
      <TextField
        label={fieldLabel}
        type="password"
        name="password"
        autoComplete="new-password"
        required
        hint={passwordHint}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" busy={busy} className="button--block">
        {submitLabel}
      </Button>
    </form>
  );
}

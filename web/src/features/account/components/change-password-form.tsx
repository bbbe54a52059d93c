import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { passwordHint } from '../../auth/routes/reset-password';
import { useChangePassword } from '../api/change-password';

export function ChangePasswordForm() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useChangePassword();
  const fields = fieldErrorsOf(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Change password">
      {change.isSuccess ? <p role="status">Password changed. Your other sessions were signed out.</p> : null}
      {change.error && !fields.currentPassword && !fields.newPassword ? (
        <Alert title="Could not change it">{messageOf(change.error)}</Alert>
      ) : null}
      <TextField
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        value={currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        error={fields.currentPassword}
      />
      <TextField
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        hint={passwordHint}
        value={newPassword}
        onChange={(e) => setNew(e.target.value)}
        error={fields.newPassword}
      />
      <div>
        <Button type="submit" busy={change.isPending}>
          Change password
        </Button>
      </div>
    </form>
  );
}

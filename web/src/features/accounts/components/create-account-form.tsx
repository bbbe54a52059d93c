import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { PersonPicker } from '../../../components/person-picker';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Person, Role } from '../../../lib/types';
import { useCreateAccount } from '../api/create-account';
import { RoleCheckboxes } from './role-checkboxes';

export function CreateAccountForm() {
  const [person, setPerson] = useState<Person | null>(null);
  const [roles, setRoles] = useState<Role[]>(['participant']);
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);
  const create = useCreateAccount();
  const fields = { ...fieldErrorsOf(create.error), ...local };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!person) problems.personId = 'choose a person';
    if (roles.length === 0) problems.roles = 'needs at least one role';
    if (password.length < 10) problems.password = 'must be at least 10 characters';
    setLocal(problems);
    if (!person || Object.keys(problems).length) return;
    create.mutate(
      { personId: person.id, roles, password },
      {
        onSuccess: (account) => {
          setCreated(account.email);
          setPerson(null);
          setPassword('');
          setRoles(['participant']);
        },
      },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Give someone an account">
      {created ? (
        <Alert kind="success">
          {created} gets an email with a link to confirm the address; then they sign in with this password.
          Share it with them safely.
        </Alert>
      ) : null}
      {create.error && Object.keys(fieldErrorsOf(create.error)).length === 0 ? (
        <Alert>{messageOf(create.error)}</Alert>
      ) : null}
      <PersonPicker
        value={person}
        onChange={setPerson}
        error={fields.personId}
        hint="Type a name or email; everyone with an account needs a person record first."
      />
      {person && fields.personId ? <p className="field__error">⚠ {fields.personId}</p> : null}
      <RoleCheckboxes legend="Roles" value={roles} onChange={setRoles} error={fields.roles} />
      <TextField
        label="First password"
        hint="At least 10 characters; they can sign in with it straight away."
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" busy={create.isPending}>
        Create account
      </Button>
    </form>
  );
}

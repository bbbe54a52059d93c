// Edit a person's record; the server's field errors appear beside the fields.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Person } from '../../../lib/types';
import type { PersonUpdate } from '../api/update-person';

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

export function PersonForm({
  person,
  busy,
  error,
  onSubmit,
}: {
  person: Person;
  busy: boolean;
  error: unknown;
  onSubmit: (update: PersonUpdate) => void;
}) {
  const [v, setV] = useState({
    name: person.name,
    email: person.email,
    jobTitle: person.jobTitle ?? '',
    jobLevel: String(person.jobLevel),
    department: person.department ?? '',
    location: person.location ?? '',
    timeZone: person.timeZone,
    languages: person.languages.join(', '),
    leaveDate: person.leaveDate ?? '',
    leaveReason: person.leaveReason ?? '',
  });
  const set = (key: keyof typeof v) => (e: { target: { value: string } }) =>
    setV((old) => ({ ...old, [key]: e.target.value }));
  const fields = fieldErrorsOf(error);
  const placed =
    /^(name|email|jobTitle|jobLevel|department|location|timeZone|languages|leaveDate|leaveReason)(\.|$)/;
  const paths = Object.keys(fields);
  const unplaced = Boolean(error) && (paths.length === 0 || paths.some((path) => !placed.test(path)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      id: person.id,
      version: person.version,
      name: v.name.trim(),
      email: v.email.trim(),
      jobTitle: orNull(v.jobTitle),
      jobLevel: Number(v.jobLevel),
      department: orNull(v.department),
      location: orNull(v.location),
      timeZone: v.timeZone.trim(),
      languages: v.languages
        .split(/[\s,;]+/)
        .map((l) => l.trim())
        .filter(Boolean),
      leaveDate: orNull(v.leaveDate),
      leaveReason: orNull(v.leaveReason),
    });
  };
  const languageError =
    fields.languages ?? Object.entries(fields).find(([k]) => k.startsWith('languages.'))?.[1];

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={`Edit ${person.name}`}>
      {unplaced ? <Alert title="The changes were not saved">{messageOf(error)}</Alert> : null}
      <div className="form-row">
        <TextField label="Name" value={v.name} onChange={set('name')} error={fields.name} required />
        <TextField
          label="Work email"
          type="email"
          value={v.email}
          onChange={set('email')}
          error={fields.email}
          required
        />
      </div>
      <div className="form-row">
        <TextField label="Job title" value={v.jobTitle} onChange={set('jobTitle')} error={fields.jobTitle} />
        <TextField
          label="Job level"
          hint="1 for the most junior"
          type="number"
          min={1}
          max={20}
          value={v.jobLevel}
          onChange={set('jobLevel')}
          error={fields.jobLevel}
        />
        <TextField
          label="Department"
          value={v.department}
          onChange={set('department')}
          error={fields.department}
        />
      </div>
      <div className="form-row">
        <TextField label="Location" value={v.location} onChange={set('location')} error={fields.location} />
        <TextField
          label="Time zone"
          hint="Like Europe/Berlin"
          value={v.timeZone}
          onChange={set('timeZone')}
          error={fields.timeZone}
        />
        <TextField
          label="Languages"
          hint="Codes such as en, de"
          value={v.languages}
          onChange={set('languages')}
          error={languageError}
        />
      </div>
      <div className="form-row">
        <TextField
          label="Leave date"
          hint="Only for people who have left"
          type="date"
          value={v.leaveDate}
          onChange={set('leaveDate')}
          error={fields.leaveDate}
        />
        <TextField
          label="Leave reason"
          value={v.leaveReason}
          onChange={set('leaveReason')}
          error={fields.leaveReason}
        />
      </div>
      <div className="actions">
        <Button type="submit" busy={busy}>
          Save changes
        </Button>
      </div>
    </form>
  );
}

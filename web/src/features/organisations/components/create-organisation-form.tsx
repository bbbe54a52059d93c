import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import {
  type CreatedOrganisation,
  type CreateOrganisationInput,
  useCreateOrganisation,
} from '../api/create-organisation';

/** "Acme Holdings Ltd." -> "acme-holdings-ltd" */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
}

const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

export function CreateOrganisationForm({
  onCreated,
}: {
  onCreated: (input: CreateOrganisationInput, created: CreatedOrganisation) => void;
}) {
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugTouched, setSlugTouched] = useState(false);
  const [adminName, setAdminName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const create = useCreateOrganisation();
  const fields = { ...fieldErrorsOf(create.error), ...local };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'is required';
    if (!adminName.trim()) problems['admin.name'] = 'is required';
    if (!email.trim()) problems['admin.email'] = 'is required';
    if (password.length < 10) problems['admin.password'] = 'must be at least 10 characters';
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const input: CreateOrganisationInput = {
      name: name.trim(),
      slug: slug || slugify(name),
      admin: {
        name: adminName.trim(),
        email: email.trim(),
        password,
        jobTitle: jobTitle.trim() || null,
        timeZone: browserTimeZone(),
      },
    };
    create.mutate(input, { onSuccess: (created) => onCreated(input, created) });
  };

  const generalError = create.error && Object.keys(fieldErrorsOf(create.error)).length === 0;
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Create an organisation">
      {generalError ? (
        <Alert title="The organisation was not created">{messageOf(create.error)}</Alert>
      ) : null}
      <fieldset className="fieldset">
        <legend className="field__label field__label--section">Your organisation</legend>
        <TextField
          label="Organisation name"
          name="name"
          required
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (!slugTouched) setSlug(slugify(e.target.value));
          }}
          error={fields.name}
        />
        <TextField
          label="Short address"
          hint="Lowercase letters, digits and dashes; it identifies your organisation."
          name="slug"
          required
          value={slug}
          onChange={(e) => {
            setSlugTouched(true);
            setSlug(e.target.value);
          }}
          error={fields.slug}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend className="field__label field__label--section">You, the first administrator</legend>
        <TextField
          label="Your name"
          name="adminName"
          autoComplete="name"
          required
          value={adminName}
          onChange={(e) => setAdminName(e.target.value)}
          error={fields['admin.name']}
        />
        <TextField
          label="Job title (optional)"
          name="jobTitle"
          autoComplete="organization-title"
          value={jobTitle}
          onChange={(e) => setJobTitle(e.target.value)}
          error={fields['admin.jobTitle']}
        />
        <TextField
          label="Work email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields['admin.email']}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          hint="At least 10 characters."
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields['admin.password']}
        />
      </fieldset>
      <Button type="submit" busy={create.isPending} className="button--block">
        Create organisation
      </Button>
    </form>
  );
}

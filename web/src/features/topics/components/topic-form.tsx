import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { categories, categoryLabels } from '../../../lib/format';
import type { Topic, TopicCategory } from '../../../lib/types';
import type { TopicInput } from '../api/create-topic';

export function TopicForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial?: Topic;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: TopicInput, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  const [category, setCategory] = useState<TopicCategory>(initial?.category ?? 'digital_and_technology');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [local, setLocal] = useState<string | undefined>();
  const fields = fieldErrorsOf(error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setLocal('is required');
      return;
    }
    setLocal(undefined);
    onSubmit({ name: name.trim(), category, description: description.trim() || null }, () => {
      setName('');
      setDescription('');
    });
  };

  return (
    <form
      className="topic-form"
      onSubmit={submit}
      noValidate
      aria-label={initial ? `Edit ${initial.name}` : 'Add a topic'}
    >
      {error && !fields.name ? <Alert>{messageOf(error)}</Alert> : null}
      <div className="form-row">
        <TextField
          label="Topic name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={local ?? fields.name}
          required
        />
        <SelectField
          label="Category"
          value={category}
          onChange={(e) => setCategory(e.target.value as TopicCategory)}
          error={fields.category}
        >
          {categories.map((c) => (
            <option key={c} value={c}>
              {categoryLabels[c]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField
        label="Description (optional)"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fields.description}
      />
      <div className="actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

// Find a person by name or email (server search, debounced) and pick one: for an account,
// an invitation, anything that names one person.
import { useState } from 'react';
import { usePeople } from '../features/people/api/get-people';
import type { Person } from '../lib/types';
import { useDebouncedValue } from '../lib/use-debounced-value';
import { Fieldset, TextField } from './field';
import { Loading } from './states';

export function PersonPicker({
  value,
  onChange,
  error,
  hint = 'Type a name or email.',
  legend = 'Choose one',
  name = 'person',
  currentOnly = false,
}: {
  value: Person | null;
  onChange: (person: Person | null) => void;
  error?: string | undefined;
  hint?: string;
  legend?: string;
  /** The radio group's name, unique on the page. */
  name?: string;
  /** Only people still employed (not those with a leave date). */
  currentOnly?: boolean;
}) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim(), 250);
  const people = usePeople({
    q: debounced || undefined,
    ...(currentOnly ? { status: 'current' as const } : {}),
    limit: 8,
    offset: 0,
  });
  return (
    <div className="person-picker">
      <TextField
        label="Find the person"
        hint={hint}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
        error={value ? undefined : error}
      />
      {people.isPending ? <Loading label="Searching…" /> : null}
      {people.data ? (
        people.data.items.length ? (
          <Fieldset legend={legend} className="fieldset--plain">
            <ul className="pick-list">
              {people.data.items.map((p) => (
                <li key={p.id}>
                  <label className={`pick${value?.id === p.id ? ' pick--selected' : ''}`}>
                    <input
                      type="radio"
                      name={name}
                      checked={value?.id === p.id}
                      onChange={() => onChange(p)}
                    />
                    <span>
                      <span className="cell-title">{p.name}</span>
                      <span className="cell-sub">
                        {p.email}
                        {[p.jobTitle, p.department].filter(Boolean).map((d) => ` · ${d}`)}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </Fieldset>
        ) : (
          <p className="muted">Nobody matches “{debounced}”.</p>
        )
      ) : null}
    </div>
  );
}

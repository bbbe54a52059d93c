// Find one current person by name or email (server search, debounced) to invite.
import { useState } from 'react';
import { Fieldset, TextField } from '../../../components/field';
import { Loading } from '../../../components/states';
import type { Person } from '../../../lib/types';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { usePeople } from '../../people/api/get-people';

export function InviteeSearch({
  value,
  onChange,
  error,
}: {
  value: Person | null;
  onChange: (person: Person | null) => void;
  error?: string | undefined;
}) {
  const [q, setQ] = useState('');
  const debounced = useDebouncedValue(q.trim(), 250);
  const people = usePeople({ q: debounced || undefined, status: 'current', limit: 8, offset: 0 });
  return (
    <div className="person-picker">
      <TextField
        label="Find the person"
        hint="Type a name or email."
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        autoComplete="off"
        error={value ? undefined : error}
      />
      {people.isPending ? <Loading label="Searching…" /> : null}
      {people.data ? (
        people.data.items.length ? (
          <Fieldset legend="Choose whom to invite" className="fieldset--plain">
            <ul className="pick-list">
              {people.data.items.map((p) => (
                <li key={p.id}>
                  <label className={`pick${value?.id === p.id ? ' pick--selected' : ''}`}>
                    <input
                      type="radio"
                      name="invitee"
                      checked={value?.id === p.id}
                      onChange={() => onChange(p)}
                    />
                    <span>
                      <span className="cell-title">{p.name}</span>
                      <span className="cell-sub">
                        {p.email}
                        {p.department ? ` · ${p.department}` : ''}
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

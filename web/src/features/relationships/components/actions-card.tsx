// Goals and action items, with owners and due dates; ticking one off marks it done.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField, TextField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { useActions, useAddAction, useUpdateAction } from '../api/notes';
import { partiesOf } from '../parties';
import type { Action, Relationship } from '../types';
import { firstName } from './words';

export function ActionsCard({ relationship, writable }: { relationship: Relationship; writable: boolean }) {
  const rel = relationship;
  const { me, partner } = partiesOf(rel);
  const actions = useActions(rel.id);
  const add = useAddAction();
  const update = useUpdateAction();
  const [kind, setKind] = useState<Action['kind']>('action');
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(me.id);
  const [dueOn, setDueOn] = useState('');
  const fields = fieldErrorsOf(add.error);
  const ownerName = (id: string | null) =>
    id === me.id ? 'You' : id === partner.id ? firstName(partner.name) : 'Both';

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate(
      { relationshipId: rel.id, kind, title, ownerId: owner || undefined, ...(dueOn ? { dueOn } : {}) },
      {
        onSuccess: () => {
          setTitle('');
          setDueOn('');
        },
      },
    );
  }

  const list = actions.data ?? [];
  const groups: { title: string; items: Action[] }[] = [
    { title: 'Goals', items: list.filter((a) => a.kind === 'goal') },
    { title: 'Actions', items: list.filter((a) => a.kind === 'action') },
  ];

  return (
    <Card title="Goals and actions" className="actions-card">
      {actions.isPending ? (
        <Loading />
      ) : actions.isError ? (
        <ErrorState error={actions.error} retry={() => actions.refetch()} />
      ) : list.length === 0 ? (
        <p className="muted">
          No goals or actions yet. Agree one thing each of you will try before you next meet.
        </p>
      ) : (
        groups.map((g) =>
          g.items.length ? (
            <section key={g.title} aria-label={g.title}>
              <h3 className="card__subtitle">{g.title}</h3>
              <ul className="todo">
                {g.items.map((a) => (
                  <li key={a.id} className={`todo__item${a.status !== 'open' ? ' todo__item--done' : ''}`}>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={a.status === 'done'}
                        disabled={!writable || a.status === 'dropped' || update.isPending}
                        onChange={(e) =>
                          update.mutate({
                            id: a.id,
                            relationshipId: rel.id,
                            status: e.target.checked ? 'done' : 'open',
                            version: a.version,
                          })
                        }
                      />
                      <span className="todo__title">{a.title}</span>
                    </label>
                    <span className="small muted">
                      {ownerName(a.ownerId)}
                      {a.dueOn ? ` · by ${formatDate(a.dueOn)}` : ''}
                    </span>
                    {a.status === 'dropped' ? <Badge>Dropped</Badge> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null,
        )
      )}
      {update.error ? <Alert>{messageOf(update.error)}</Alert> : null}
      {writable ? (
        <form onSubmit={submit} noValidate className="stack stack--tight" aria-label="Add a goal or action">
          <div className="form-row">
            <SelectField
              label="Kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as Action['kind'])}
            >
              <option value="action">Action</option>
              <option value="goal">Goal</option>
            </SelectField>
            <TextField
              label="What"
              value={title}
              error={fields.title}
              onChange={(e) => setTitle(e.target.value)}
              className="toolbar__grow"
            />
          </div>
          <div className="form-row">
            <SelectField
              label="Whose"
              value={owner}
              error={fields.ownerId}
              onChange={(e) => setOwner(e.target.value)}
            >
              <option value={me.id}>Mine</option>
              <option value={partner.id}>{firstName(partner.name)}’s</option>
            </SelectField>
            <TextField
              label="Due (optional)"
              type="date"
              value={dueOn}
              error={fields.dueOn}
              onChange={(e) => setDueOn(e.target.value)}
            />
          </div>
          {add.error && !Object.keys(fields).length ? <Alert>{messageOf(add.error)}</Alert> : null}
          <div>
            <Button type="submit" variant="secondary" busy={add.isPending} disabled={!title.trim()}>
              Add
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

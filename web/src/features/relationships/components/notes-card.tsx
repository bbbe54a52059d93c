// Notes: shared with the partner, or private to their author ("only you can see this").
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { Fieldset, TextArea } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useAddNote, useDeleteNote, useNotes } from '../api/notes';
import { partiesOf } from '../parties';
import type { Note, Relationship } from '../types';
import { LockIcon } from './lock-icon';
import { firstName, formatDateTime } from './words';

export function NoteItem({
  note,
  authorName,
  onDelete,
}: {
  note: Note;
  authorName: string;
  onDelete?: () => void;
}) {
  const isPrivate = note.visibility === 'private';
  return (
    <li className={`note${isPrivate ? ' note--private' : ''}`}>
      <div className="note__meta">
        {isPrivate ? (
          <Badge tone="accent">
            <LockIcon /> Private · only you can see this
          </Badge>
        ) : (
          <Badge tone="info">Shared</Badge>
        )}
        <span className="small muted">
          {note.mine ? 'You' : authorName} · {formatDateTime(note.createdAt)}
        </span>
      </div>
      <p className="note__body">{note.body}</p>
      {onDelete ? (
        <ConfirmButton
          label="Delete this note"
          question="Delete this note?"
          confirmLabel="Delete"
          onConfirm={onDelete}
        >
          Delete
        </ConfirmButton>
      ) : null}
    </li>
  );
}

export function NotesCard({ relationship, writable }: { relationship: Relationship; writable: boolean }) {
  const rel = relationship;
  const { partner } = partiesOf(rel);
  const notes = useNotes(rel.id);
  const add = useAddNote();
  const remove = useDeleteNote();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'shared' | 'private'>('shared');
  const fields = fieldErrorsOf(add.error);

  function submit(e: FormEvent) {
    e.preventDefault();
    add.mutate({ relationshipId: rel.id, visibility, body }, { onSuccess: () => setBody('') });
  }

  return (
    <Card title="Notes" className="notes">
      {writable ? (
        <form onSubmit={submit} noValidate className="stack stack--tight" aria-label="Write a note">
          <TextArea
            label="New note"
            rows={3}
            maxLength={10000}
            value={body}
            error={fields.body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Fieldset legend="Who can read it" error={fields.visibility} className="fieldset--plain">
            <div className="checks-inline">
              <label className="check">
                <input
                  type="radio"
                  name="note-visibility"
                  value="shared"
                  checked={visibility === 'shared'}
                  onChange={() => setVisibility('shared')}
                />
                Shared with {firstName(partner.name)}
              </label>
              <label className="check">
                <input
                  type="radio"
                  name="note-visibility"
                  value="private"
                  checked={visibility === 'private'}
                  onChange={() => setVisibility('private')}
                />
                <LockIcon /> Private: only you can see this
              </label>
            </div>
          </Fieldset>
          {visibility === 'private' ? (
            <p className="small private-hint">
              Nobody else can ever read a private note: not {firstName(partner.name)}, not the programme
              manager, not an admin.
            </p>
          ) : null}
          {add.error && !fields.body ? <Alert>{messageOf(add.error)}</Alert> : null}
          <div>
            <Button type="submit" busy={add.isPending} disabled={!body.trim()}>
              {visibility === 'private' ? 'Save private note' : 'Save shared note'}
            </Button>
          </div>
        </form>
      ) : null}
      {notes.isPending ? (
        <Loading />
      ) : notes.isError ? (
        <ErrorState error={notes.error} retry={() => notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="note-list">
          {notes.data.map((n) => (
            <NoteItem
              key={n.id}
              note={n}
              authorName={firstName(partner.name)}
              onDelete={n.mine ? () => remove.mutate({ id: n.id, relationshipId: rel.id }) : undefined}
            />
          ))}
        </ul>
      )}
      {remove.error ? <Alert>{messageOf(remove.error)}</Alert> : null}
    </Card>
  );
}

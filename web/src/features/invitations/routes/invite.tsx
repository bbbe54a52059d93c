// Invite people to choose a password and come in: one person, a programme's enrolled people,
// or a selection carried here in the address from another screen (a filtered people list,
// people just imported). Only current people without an account or a live invitation are asked.
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/button';
import { Fieldset, SelectField } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { PersonPicker } from '../../../components/person-picker';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import type { Person } from '../../../lib/types';
import { useProgrammes } from '../../programmes/api/get-programmes';
import { useInvite } from '../api/invite';
import type { InvitationSelection } from '../api/types';
import { BatchProgress } from '../components/batch-progress';

type Choice = 'person' | 'programme';

/** A selection named by the address (from the people list or an import), if any. */
export function selectionFromAddress(params: URLSearchParams): InvitationSelection | null {
  const since = params.get('since');
  if (since) return { kind: 'imported', since };
  if (params.get('from') === 'people') {
    const q = params.get('q')?.trim();
    const department = params.get('department')?.trim();
    return { kind: 'filter', ...(q ? { q } : {}), ...(department ? { department } : {}) };
  }
  return null;
}

function describeSelection(selection: InvitationSelection): string {
  switch (selection.kind) {
    case 'imported':
      return `Everyone imported since ${formatDateTime(selection.since)}.`;
    case 'filter': {
      const parts = [
        selection.q ? `matching “${selection.q}”` : '',
        selection.department ? `in ${selection.department}` : '',
      ].filter(Boolean);
      return parts.length
        ? `Everyone on the people list ${parts.join(' ')}.`
        : 'Everyone on the people list.';
    }
    default:
      return '';
  }
}

export function Component() {
  const [params] = useSearchParams();
  const carried = selectionFromAddress(params);
  const [choice, setChoice] = useState<Choice>(params.get('programmeId') ? 'programme' : 'person');
  const [person, setPerson] = useState<Person | null>(null);
  const [programmeId, setProgrammeId] = useState(params.get('programmeId') ?? '');
  const [localError, setLocalError] = useState<Record<string, string>>({});
  const programmes = useProgrammes();
  const invite = useInvite();
  const serverErrors = fieldErrorsOf(invite.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    let selection: InvitationSelection;
    if (carried) selection = carried;
    else if (choice === 'person') {
      if (!person) return setLocalError({ person: 'choose the person to invite' });
      selection = { kind: 'people', personIds: [person.id] };
    } else {
      if (!programmeId) return setLocalError({ programme: 'choose a programme' });
      selection = { kind: 'programme', programmeId };
    }
    setLocalError({});
    invite.mutate({ selection });
  };

  return (
    <>
      <PageHeader
        title="Invite people"
        description="Each person gets an email with a link to choose a password. The link works once, for 7 days."
        actions={
          <Link to="/invitations" className="button button--secondary">
            All invitations
          </Link>
        }
      />
      <Card>
        {invite.data ? (
          <div className="stack">
            <BatchProgress batch={invite.data} />
            <div className="actions">
              <Button variant="secondary" onClick={() => invite.reset()}>
                Invite more people
              </Button>
            </div>
          </div>
        ) : (
          <form className="stack" onSubmit={submit} noValidate>
            {carried ? (
              <p>
                {describeSelection(carried)} Only current staff without an account or a live invitation are
                asked.
              </p>
            ) : (
              <>
                <Fieldset legend="Whom to invite">
                  <div className="check">
                    <input
                      type="radio"
                      id="invite-person"
                      name="choice"
                      checked={choice === 'person'}
                      onChange={() => setChoice('person')}
                    />
                    <label htmlFor="invite-person">One person</label>
                  </div>
                  <div className="check">
                    <input
                      type="radio"
                      id="invite-programme"
                      name="choice"
                      checked={choice === 'programme'}
                      onChange={() => setChoice('programme')}
                    />
                    <label htmlFor="invite-programme">Everyone enrolled in a programme</label>
                  </div>
                </Fieldset>
                {choice === 'person' ? (
                  <PersonPicker
                    legend="Choose whom to invite"
                    name="invitee"
                    currentOnly
                    value={person}
                    onChange={setPerson}
                    error={localError.person ?? serverErrors['selection.personIds']}
                  />
                ) : (
                  <SelectField
                    label="Programme"
                    value={programmeId}
                    onChange={(e) => setProgrammeId(e.target.value)}
                    error={localError.programme ?? serverErrors['selection.programmeId']}
                  >
                    <option value="">Choose a programme</option>
                    {(programmes.data ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </SelectField>
                )}
              </>
            )}
            {invite.isError ? <Alert title="Nobody was invited">{messageOf(invite.error)}</Alert> : null}
            <div className="actions">
              <Button type="submit" busy={invite.isPending}>
                {choice === 'person' && !carried && person ? `Invite ${person.name}` : 'Send invitations'}
              </Button>
            </div>
          </form>
        )}
      </Card>
    </>
  );
}

// Locked and forbidden pairs: listed with a remove button, and a form to add one.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { SelectField } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Programme } from '../../../lib/types';
import { useProgrammeEnrolments } from '../../enrolments/api/get-programme-enrolments';
import { useDeletePairRule, usePairRules, useSetPairRule } from '../api/pair-rules';

export function PairRulesCard({ programme, editable }: { programme: Programme; editable: boolean }) {
  const rules = usePairRules(programme.id);
  const setRule = useSetPairRule(programme.id);
  const removeRule = useDeletePairRule(programme.id);
  const enrolments = useProgrammeEnrolments(programme.id);
  const [mentee, setMentee] = useState('');
  const [mentor, setMentor] = useState('');
  const [kind, setKind] = useState<'locked' | 'forbidden'>('locked');
  const fields = fieldErrorsOf(setRule.error);
  const active = (enrolments.data ?? []).filter((e) => e.status === 'active');
  const byName = (a: { person: { name: string } | null }, b: { person: { name: string } | null }) =>
    (a.person?.name ?? '').localeCompare(b.person?.name ?? '');
  const mentees = active.filter((e) => e.role !== 'mentor').sort(byName);
  const mentors = active.filter((e) => e.role !== 'mentee').sort(byName);

  function submit(e: FormEvent) {
    e.preventDefault();
    setRule.mutate(
      { programmeId: programme.id, menteeId: mentee, mentorId: mentor, kind },
      {
        onSuccess: () => {
          setMentee('');
          setMentor('');
        },
      },
    );
  }

  return (
    <Card title="Locked and forbidden pairs">
      <p className="muted small">
        A locked pair is always made; a forbidden pair never is. They apply to the next run.
      </p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <Alert>{messageOf(rules.error)}</Alert>
      ) : rules.data.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="rule-list">
          {rules.data.map((r) => (
            <li key={r.id} className="rule-list__item">
              <Badge tone={r.kind === 'locked' ? 'info' : 'danger'}>
                {r.kind === 'locked' ? 'Locked' : 'Forbidden'}
              </Badge>
              <span>
                {r.menteeName ?? 'Mentee'} <span aria-hidden="true">⇄</span>
                <span className="visually-hidden"> with </span> {r.mentorName ?? 'Mentor'}
              </span>
              {editable ? (
                <ConfirmButton
                  label={`Remove the rule for ${r.menteeName} and ${r.mentorName}`}
                  question={`Remove the rule for ${r.menteeName} and ${r.mentorName}?`}
                  confirmLabel="Remove"
                  busy={removeRule.isPending}
                  onConfirm={() => removeRule.mutate({ programmeId: programme.id, ruleId: r.id })}
                >
                  Remove
                </ConfirmButton>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {removeRule.error ? <Alert>{messageOf(removeRule.error)}</Alert> : null}
      {editable ? (
        <form
          onSubmit={submit}
          noValidate
          className="stack stack--tight rule-form"
          aria-label="Add a pair rule"
        >
          <h3 className="card__subtitle">Add a rule</h3>
          <SelectField
            label="Mentee"
            value={mentee}
            onChange={(e) => setMentee(e.target.value)}
            error={fields.menteeId}
          >
            <option value="">Choose a mentee…</option>
            {mentees.map((e) => (
              <option key={e.personId} value={e.personId}>
                {e.person?.name} {e.person?.jobTitle ? `· ${e.person.jobTitle}` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Mentor"
            value={mentor}
            onChange={(e) => setMentor(e.target.value)}
            error={fields.mentorId}
          >
            <option value="">Choose a mentor…</option>
            {mentors.map((e) => (
              <option key={e.personId} value={e.personId}>
                {e.person?.name} {e.person?.jobTitle ? `· ${e.person.jobTitle}` : ''}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Rule"
            value={kind}
            onChange={(e) => setKind(e.target.value as 'locked' | 'forbidden')}
          >
            <option value="locked">Always pair them (lock)</option>
            <option value="forbidden">Never pair them (forbid)</option>
          </SelectField>
          {setRule.error && !fields.menteeId && !fields.mentorId ? (
            <Alert>{messageOf(setRule.error)}</Alert>
          ) : null}
          <div>
            <Button type="submit" variant="secondary" busy={setRule.isPending} disabled={!mentee || !mentor}>
              Add rule
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}

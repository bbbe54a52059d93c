import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { Card, PageHeader, TableWrap } from '../../../components/page';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { roleLabels } from '../../../lib/format';
import type { Account, Role } from '../../../lib/types';
import { useMe } from '../../auth/api/get-me';
import { useAccounts } from '../api/get-accounts';
import { useSetDisabled } from '../api/set-disabled';
import { useSetRoles } from '../api/set-roles';
import { CreateAccountForm } from '../components/create-account-form';
import { RoleCheckboxes } from '../components/role-checkboxes';

function AccountRow({ account, isSelf }: { account: Account; isSelf: boolean }) {
  const [editing, setEditing] = useState(false);
  const [roles, setRoles] = useState<Role[]>(account.roles);
  const save = useSetRoles();
  const access = useSetDisabled();
  const who = account.personName ?? account.email;
  return (
    <tr>
      <th scope="row">
        <span className="cell-title">
          {who}
          {isSelf ? ' (you)' : ''}
        </span>
        <span className="cell-sub">{account.email}</span>
      </th>
      <td>
        {editing ? (
          <div className="stack stack--tight">
            <RoleCheckboxes
              compact
              legend={`Roles of ${who}`}
              value={roles}
              onChange={setRoles}
              error={fieldErrorsOf(save.error).roles}
            />
            {save.error && !fieldErrorsOf(save.error).roles ? (
              <p className="field__error">{messageOf(save.error)}</p>
            ) : null}
          </div>
        ) : (
          <span className="inline-badges">
            {account.roles.map((r) => (
              <Badge
                key={r}
                tone={r === 'org_admin' ? 'accent' : r === 'programme_manager' ? 'info' : 'neutral'}
              >
                {roleLabels[r]}
              </Badge>
            ))}
            {account.disabled ? <Badge tone="danger">Disabled</Badge> : null}
          </span>
        )}
      </td>
      <td className="cell-actions">
        {editing ? (
          <div className="actions actions--tight">
            <Button
              size="small"
              busy={save.isPending}
              onClick={() => save.mutate({ id: account.id, roles }, { onSuccess: () => setEditing(false) })}
            >
              Save roles
            </Button>
            <Button
              size="small"
              variant="ghost"
              onClick={() => {
                setRoles(account.roles);
                save.reset();
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </div>
        ) : (
          <div className="actions actions--tight">
            <Button
              size="small"
              variant="secondary"
              onClick={() => setEditing(true)}
              aria-label={`Change roles of ${who}`}
            >
              Change roles
            </Button>
            {isSelf ? null : account.disabled ? (
              <Button
                size="small"
                variant="secondary"
                busy={access.isPending}
                onClick={() => access.mutate({ id: account.id, disabled: false })}
                aria-label={`Enable the account of ${who}`}
              >
                Enable
              </Button>
            ) : (
              <ConfirmButton
                label={`Disable the account of ${who}`}
                question={`Disable ${who}? They are signed out at once.`}
                confirmLabel="Disable"
                busy={access.isPending}
                onConfirm={() => access.mutate({ id: account.id, disabled: true })}
              >
                Disable
              </ConfirmButton>
            )}
            {access.error ? <p className="field__error">{messageOf(access.error)}</p> : null}
          </div>
        )}
      </td>
    </tr>
  );
}

export function Component() {
  const accounts = useAccounts();
  const me = useMe();
  return (
    <>
      <PageHeader title="Accounts and roles" description="Who can sign in, and what each person may do." />
      <div className="grid grid--sidebar-right">
        <Card title="Accounts">
          {accounts.isPending ? <Loading label="Loading accounts…" /> : null}
          {accounts.isError ? <ErrorState error={accounts.error} retry={() => accounts.refetch()} /> : null}
          {accounts.data && accounts.data.length === 0 ? <EmptyState title="No accounts yet" /> : null}
          {accounts.data && accounts.data.length > 0 ? (
            <TableWrap label="Accounts">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Person</th>
                    <th scope="col">Roles</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.data.map((a) => (
                    <AccountRow key={a.id} account={a} isSelf={a.id === me.data?.account.id} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </Card>
        <Card title="Give someone an account">
          <CreateAccountForm />
        </Card>
      </div>
    </>
  );
}

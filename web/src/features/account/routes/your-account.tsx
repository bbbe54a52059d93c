import { Card, PageHeader } from '../../../components/page';
import { useMe } from '../../auth/api/get-me';
import { ChangePasswordForm } from '../components/change-password-form';
import { SessionsList } from '../components/sessions-list';

export function Component() {
  const me = useMe();
  return (
    <>
      <PageHeader
        title="Your account"
        description={me.data ? `Signed in as ${me.data.account.email}.` : undefined}
      />
      <div className="grid grid--sidebar-right">
        <Card title="Where you are signed in">
          <SessionsList />
        </Card>
        <Card title="Change password">
          <ChangePasswordForm />
        </Card>
      </div>
    </>
  );
}

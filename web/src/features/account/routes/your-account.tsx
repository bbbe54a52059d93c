import { Link } from 'react-router';
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
        <div className="stack">
          <Card title="Change password">
            <ChangePasswordForm />
          </Card>
          <Card title="API tokens">
            <p>
              Scripts and the command line sign in with a token.{' '}
              <Link to="/api-tokens">Manage your API tokens</Link>
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}

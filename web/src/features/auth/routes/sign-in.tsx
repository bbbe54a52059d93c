import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Loading } from '../../../components/states';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useMe } from '../api/get-me';
import { SignInForm } from '../components/sign-in-form';
import { SsoSignIn } from '../components/sso-sign-in';

/** Only same-site paths, so a crafted link cannot send people elsewhere after sign-in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInRoute() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const next = safeNext(params.get('next'));
  const org = params.get('org');
  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={next} replace />;
  return (
    <AuthCard
      title="Sign in"
      intro="Mentoring that runs both ways: conventional, reverse and two-way programmes."
    >
      {/* An organisation's own sign-in link leads with its provider; otherwise the password
          form comes first (the first field a keyboard reaches) and single sign-on after it. */}
      {org ? <SsoSignIn org={org} /> : null}
      <SignInForm organisation={org ?? undefined} onSignedIn={() => navigate(next, { replace: true })} />
      {org ? null : <SsoSignIn org={null} />}
      <p>
        <Link to="/forgot-password">Forgotten your password?</Link>
      </p>
      <p className="auth-card__footer">
        Setting up Twoway for your organisation? <Link to="/welcome">Create an organisation</Link>
      </p>
    </AuthCard>
  );
}

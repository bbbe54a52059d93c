import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useConfirmEmail } from '../api/sign-in';
import { useTokenFromFragment } from './reset-password';

/** The page an emailed confirmation link opens: it proves the email, signs in and moves on. */
export function Component() {
  const token = useTokenFromFragment();
  const navigate = useNavigate();
  const confirm = useConfirmEmail();
  const sent = useRef(false);
  useEffect(() => {
    // Once only: the link is spent by its first use.
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate(token, { onSuccess: () => navigate('/', { replace: true }) });
  }, [token, confirm, navigate]);

  if (token && !confirm.error) return <Loading label="Confirming your email" />;
  return (
    <AuthCard title="Confirm your email">
      <Alert title="This link does not work">
        {!token
          ? 'The link is incomplete.'
          : fieldErrorsOf(confirm.error).token
            ? 'It was used already, or it is more than two days old. Sign in with your email and password to get a new one.'
            : messageOf(confirm.error)}
      </Alert>
      <p className="auth-card__footer">
        <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}

// Where a single sign-on that signed no one in ends: what happened, in words, and what to do.
import { Link, useSearchParams } from 'react-router';
import { AuthCard } from '../../../components/auth-card';

const problems: Record<string, { title: string; text: string }> = {
  unknown_person: {
    title: 'You are not in this organisation’s people list',
    text: 'Your provider confirmed who you are, but no one with your email is among the organisation’s people in Twoway, so no account was made. Ask your programme manager or HR team to add you, then sign in again.',
  },
  domain_not_allowed: {
    title: 'This email domain cannot sign in here',
    text: 'Your provider signed you in with an email address whose domain this organisation has not allowed for single sign-on. Sign in with your work account, or ask an organisation admin to allow the domain.',
  },
  email_not_verified: {
    title: 'Your provider has not verified your email',
    text: 'Twoway links you to your record by a verified email address, and your provider did not confirm one. Ask your IT team to verify the email on your account.',
  },
  account_disabled: {
    title: 'Your account is disabled',
    text: 'An organisation admin has disabled your Twoway account. Ask them if you think this is a mistake.',
  },
  person_left: {
    title: 'Your access has ended',
    text: 'The organisation’s records say you have left, so your Twoway account no longer signs in. If that is a mistake, ask your HR team or programme manager to correct your leave date.',
  },
  already_linked: {
    title: 'Your account is linked to someone else at the provider',
    text: 'Your Twoway account already signs in as a different person at this provider. Ask an organisation admin for help.',
  },
  wrong_state: {
    title: 'That sign-in did not match this browser',
    text: 'The answer from your provider did not belong to the sign-in this browser started, so it was refused. Start again from the sign-in page.',
  },
  expired_or_used: {
    title: 'That sign-in link has expired or was used already',
    text: 'A sign-in must finish within 10 minutes, in the browser that started it, and works once. Start again from the sign-in page.',
  },
  code_rejected: {
    title: 'Your provider refused the sign-in',
    text: 'The code your provider gave had expired or was used already. Start again from the sign-in page.',
  },
  provider_refused: {
    title: 'Your provider did not sign you in',
    text: 'The sign-in was cancelled or refused at your provider. Start again when you are ready.',
  },
};
const fallback = {
  title: 'Single sign-on did not work',
  text: 'Something went wrong between Twoway and your provider. Try again in a moment; if it keeps happening, tell an organisation admin.',
};

export function Component() {
  const [params] = useSearchParams();
  const problem = problems[params.get('reason') ?? ''] ?? fallback;
  return (
    <AuthCard title={problem.title}>
      <p>{problem.text}</p>
      <p>
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Alert } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { useSignIn } from '../../auth/api/sign-in';
import { CreateOrganisationForm } from '../components/create-organisation-form';

export function Component() {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [created, setCreated] = useState(false);
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  return (
    <AuthCard
      title="Set up Twoway for your organisation"
      documentTitle="Create an organisation"
      wide
      intro="You will be its first administrator. Next you add topics, import your people from an HR export and create your first programme."
    >
      {waitingFor ? (
        <div role="status">
          <h2>Check your email</h2>
          <p>
            We sent a link to <strong>{waitingFor}</strong>. Follow it within two days to confirm the address
            and open your organisation.
          </p>
        </div>
      ) : created && signIn.error ? (
        <Alert title="Your organisation is ready">
          Signing you in did not work ({messageOf(signIn.error)}). <Link to="/sign-in">Sign in</Link> with the
          email and password you chose.
        </Alert>
      ) : (
        <CreateOrganisationForm
          onCreated={(input, result) => {
            setCreated(true);
            // Only the first organisation of a new installation is ready at once.
            if (!result.signInReady) {
              setWaitingFor(input.admin.email);
              return;
            }
            signIn.mutate(
              {
                email: input.admin.email,
                password: input.admin.password,
                organisation: result.organisation.slug,
              },
              { onSuccess: () => navigate('/', { replace: true }) },
            );
          }}
        />
      )}
      <p className="auth-card__footer">
        Already using Twoway? <Link to="/sign-in">Sign in</Link>
      </p>
    </AuthCard>
  );
}

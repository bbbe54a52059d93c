import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

/** The frame of the screens before sign-in: brand, a heading and one form. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="auth-page">
      <main className="auth-card" id="main">
        <p className="brand brand--large">
          <span className="brand__mark" aria-hidden="true">
            ⇄
          </span>{' '}
          Twoway
        </p>
        <h1>{title}</h1>
        {intro ? <p className="muted">{intro}</p> : null}
        {children}
      </main>
    </div>
  );
}

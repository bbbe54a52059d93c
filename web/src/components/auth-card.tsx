import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

/** The frame of the screens before sign-in: brand, a heading and one form. */
export function AuthCard({
  title,
  documentTitle = title,
  intro,
  wide = false,
  children,
}: {
  title: string;
  /** The browser tab's title, when it is shorter than the heading. */
  documentTitle?: string;
  intro?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  useDocumentTitle(documentTitle);
  return (
    <div className="auth-page">
      <main className={wide ? 'auth-card auth-card--wide' : 'auth-card'} id="main">
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

import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>{notFound ? 'Page not found' : 'Something went wrong'}</h1>
        <p className="muted">
          {notFound
            ? 'There is no page at this address.'
            : 'This screen failed to load. Reloading the page usually helps.'}
        </p>
        <p>
          <Link to="/">Go to your start page</Link>
        </p>
      </div>
    </main>
  );
}

export function NotFound() {
  return (
    <div className="state state--empty">
      <h1 className="state__title">Page not found</h1>
      <p>There is no page at this address.</p>
      <p>
        <Link to="/">Go to your start page</Link>
      </p>
    </div>
  );
}

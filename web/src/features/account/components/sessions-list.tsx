import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { TableWrap } from '../../../components/page';
import { ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useEndSession, useSessions } from '../api/sessions';

/** A short name for a browser from its user agent ("Firefox on Windows"). */
export function browserName(userAgent: string | null): string {
  if (!userAgent) return 'Unknown browser';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'A browser';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return system ? `${browser} on ${system}` : browser;
}

export function SessionsList() {
  const sessions = useSessions();
  const end = useEndSession();
  if (sessions.isPending) return <Loading label="Loading sessions…" />;
  if (sessions.isError) return <ErrorState error={sessions.error} retry={() => sessions.refetch()} />;
  return (
    <>
      {end.error ? <p className="field__error">{messageOf(end.error)}</p> : null}
      <TableWrap label="Sessions">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Browser</th>
              <th scope="col">Signed in</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {browserName(s.userAgent)} {s.current ? <Badge tone="accent">This browser</Badge> : null}
                </th>
                <td>{formatDateTime(s.createdAt)}</td>
                <td className="cell-actions">
                  {s.current ? null : (
                    <Button
                      size="small"
                      variant="secondary"
                      busy={end.isPending && end.variables === s.id}
                      onClick={() => end.mutate(s.id)}
                      aria-label={`Sign out ${browserName(s.userAgent)}, signed in ${formatDateTime(s.createdAt)}`}
                    >
                      Sign out
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

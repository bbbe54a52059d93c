// The notification centre: what happened, newest first; opening one marks it read.
// The page and the unread filter live in the address, so back and reload keep the place.
import { Link, useNavigate } from 'react-router';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { PageHeader } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { formatDateTime, plural } from '../../../lib/format';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { useMarkAllRead, useMarkRead, useNotifications } from '../api/notifications';
import type { NotificationView } from '../api/types';

const pageSize = 20;

function NotificationItem({ item }: { item: NotificationView }) {
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const open = () => {
    if (!item.read) markRead.mutate(item.id);
    if (item.path) navigate(item.path);
  };
  return (
    <li className={`notification${item.read ? '' : ' notification--unread'}`}>
      <div className="notification__text">
        <h2 className="notification__title">
          {item.path ? (
            <a
              href={item.path}
              onClick={(event) => {
                event.preventDefault();
                open();
              }}
            >
              {item.title}
            </a>
          ) : (
            item.title
          )}
          {item.read ? null : (
            <>
              {' '}
              <Badge tone="accent">New</Badge>
            </>
          )}
        </h2>
        <p className="notification__summary">{item.summary}</p>
        <p className="cell-sub">
          <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
        </p>
      </div>
      {item.read ? null : (
        <Button
          size="small"
          variant="secondary"
          busy={markRead.isPending}
          onClick={() => markRead.mutate(item.id)}
          aria-label={`Mark read: ${item.title}`}
        >
          Mark read
        </Button>
      )}
      {markRead.error ? (
        <p className="field__error" role="alert">
          {messageOf(markRead.error)}
        </p>
      ) : null}
    </li>
  );
}

export function Component() {
  const [params, update] = useSearchUpdate();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const unreadOnly = params.get('unread') === 'true';
  const list = useNotifications({ limit: pageSize, offset, unread: unreadOnly });
  const markAll = useMarkAllRead();
  const unread = list.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          list.data ? `${plural(unread, 'unread notification')}` : 'What happened in your mentoring'
        }
        actions={
          <>
            <Button
              variant="secondary"
              disabled={unread === 0}
              busy={markAll.isPending}
              onClick={() => markAll.mutate(undefined)}
            >
              Mark all read
            </Button>
            <Link to="/notifications/preferences" className="button button--ghost">
              Email preferences
            </Link>
          </>
        }
      />
      {markAll.error ? <Alert title="Could not mark them read">{messageOf(markAll.error)}</Alert> : null}
      <div className="toolbar">
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          <Button
            size="small"
            variant={unreadOnly ? 'ghost' : 'secondary'}
            aria-pressed={!unreadOnly}
            onClick={() => update({ unread: '', offset: 0 })}
          >
            All
          </Button>
          <Button
            size="small"
            variant={unreadOnly ? 'secondary' : 'ghost'}
            aria-pressed={unreadOnly}
            onClick={() => update({ unread: 'true', offset: 0 })}
          >
            Unread
          </Button>
        </fieldset>
      </div>
      {list.isPending ? <Loading label="Loading notifications…" /> : null}
      {list.isError ? <ErrorState error={list.error} retry={() => list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? (
        <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
          <p>Matches, meetings, reminders and requests for feedback appear here, as well as by email.</p>
        </EmptyState>
      ) : null}
      {list.data && list.data.total > 0 ? (
        <>
          <ul className="notifications" aria-label="Notifications">
            {list.data.items.map((item) => (
              <NotificationItem key={item.id} item={item} />
            ))}
          </ul>
          <Pager
            offset={offset}
            limit={pageSize}
            total={list.data.total}
            onChange={(o) => update({ offset: o })}
            label="Notification pages"
          />
        </>
      ) : null}
    </>
  );
}

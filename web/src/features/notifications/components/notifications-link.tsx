// The bell in the top bar: a link to the notification centre that says how many are unread.
import { NavLink } from 'react-router';
import { useUnreadCount } from '../api/notifications';

export function NotificationsLink({ enabled }: { enabled: boolean }) {
  const count = useUnreadCount(enabled);
  if (!enabled) return null;
  const unread = count.data?.unread ?? 0;
  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <NavLink
      to="/notifications"
      end
      className={({ isActive }) => `bell${isActive ? ' bell--active' : ''}`}
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true">🔔</span>
      {unread > 0 ? (
        <span className="bell__count" aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  );
}

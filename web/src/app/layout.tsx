// The frame of every signed-in screen: brand, navigation by role, the user, and the page.
import { type KeyboardEvent, Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate, useNavigation, useNavigationType } from 'react-router';
import { Loading } from '../components/states';
import { hasRole, useMe } from '../features/auth/api/get-me';
import { useSignOut } from '../features/auth/api/sign-out';
import { NotificationsLink } from '../features/notifications/components/notifications-link';
import { useOrganisation } from '../features/organisations/api/get-organisation';
import { roleLabels } from '../lib/format';
import type { Me, Role } from '../lib/types';

interface NavItem {
  to: string;
  label: string;
  /** Shown to these roles; or, with `person`, to anyone linked to a person. */
  roles?: Role[];
  person?: boolean;
}

export const navItems: NavItem[] = [
  { to: '/my', label: 'My mentoring', person: true },
  { to: '/programmes', label: 'Programmes', roles: ['org_admin', 'programme_manager'] },
  { to: '/people', label: 'People', roles: ['org_admin', 'programme_manager'] },
  { to: '/invitations', label: 'Invitations', roles: ['org_admin', 'programme_manager'] },
  { to: '/topics', label: 'Topics', roles: ['org_admin', 'programme_manager'] },
  { to: '/accounts', label: 'Accounts', roles: ['org_admin'] },
  { to: '/settings', label: 'Settings', roles: ['org_admin'] },
  { to: '/mail', label: 'Mail', roles: ['org_admin'] },
  { to: '/reports', label: 'Reports', roles: ['sponsor', 'programme_manager', 'org_admin'] },
];

export function navFor(me: Me | null | undefined): NavItem[] {
  return navItems.filter((item) => (item.person && me?.person) || (item.roles && hasRole(me, ...item.roles)));
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function AppLayout() {
  const me = useMe();
  const org = useOrganisation(Boolean(me.data));
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const [menuOpen, setMenuOpen] = useState(false);
  // A new screen closes the phone menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => setMenuOpen(false), [location.pathname]);

  // After moving to another screen, focus its heading, so a screen reader announces where
  // the user is and the keyboard starts from the content (the first screen keeps the browser's focus).
  // Redirects (replace) keep the browser's focus too.
  const navigationType = useNavigationType();
  const firstScreen = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => {
    if (firstScreen.current || navigationType === 'REPLACE') {
      firstScreen.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
      target?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  // Escape closes the phone menu and returns to its button.
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && menuOpen) {
      setMenuOpen(false);
      toggleRef.current?.focus();
    }
  };

  const items = navFor(me.data);
  const name = me.data?.person?.name ?? me.data?.account.email ?? '';
  const roleText = (me.data?.account.roles ?? []).map((r) => roleLabels[r]).join(', ');

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {navigation.state === 'loading' ? (
        <div className="route-progress" role="progressbar" aria-label="Opening the page" />
      ) : null}
      <header className="topbar">
        <div className="topbar__inner">
          <NavLink to="/" className="brand" aria-label="Twoway home">
            <span className="brand__mark" aria-hidden="true">
              ⇄
            </span>
            <span>Twoway</span>
          </NavLink>
          {org.data ? <span className="topbar__org">{org.data.name}</span> : null}
          <NotificationsLink enabled={Boolean(me.data?.person)} />
          <button
            ref={toggleRef}
            type="button"
            className="menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span aria-hidden="true">☰</span> Menu
          </button>
          <nav
            id="primary-nav"
            aria-label="Main"
            className={`nav${menuOpen ? ' nav--open' : ''}`}
            onKeyDown={closeOnEscape}
          >
            <ul>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    className={({ isActive }) => `nav__link${isActive ? ' nav__link--active' : ''}`}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="user">
              <span className="user__avatar" aria-hidden="true">
                {initials(name)}
              </span>
              <span className="user__text">
                <NavLink to="/account" className="user__name" aria-label={`Your account (${name})`}>
                  {name}
                </NavLink>
                <span className="user__roles">{roleText}</span>
              </span>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() =>
                  signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
                }
              >
                Sign out
              </button>
            </div>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}

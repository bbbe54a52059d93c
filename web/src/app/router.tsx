// Routes. Every screen but sign-in is its own chunk, so the first screen stays small;
// the later screens (matching workspace, relationships) slot in as more entries here.
import type { ComponentType } from 'react';
import { createBrowserRouter, Outlet, type RouteObject } from 'react-router';
import { Loading } from '../components/states';
import { SignInRoute } from '../features/auth/routes/sign-in';
import type { Role } from '../lib/types';
import { RequireAuth, RequireRole } from './guards';
import { HomeRedirect } from './home-redirect';
import { AppLayout } from './layout';
import { NotFound, RouteError } from './route-error';

type RouteModule = { Component: ComponentType };

const managers: Role[] = ['org_admin', 'programme_manager'];
const admins: Role[] = ['org_admin'];

/** A lazily loaded screen: each route module exports its screen as `Component`. */
function screen(load: () => Promise<RouteModule>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load()).Component }) };
}

/** A group of routes only for `roles` (the API checks again). */
function onlyFor(roles: Role[], children: RouteObject[]): RouteObject {
  return {
    element: (
      <RequireRole roles={roles}>
        <Outlet />
      </RequireRole>
    ),
    children,
  };
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInRoute />, errorElement: <RouteError /> },
  {
    path: '/forgot-password',
    ...screen(() => import('../features/auth/routes/forgot-password')),
    errorElement: <RouteError />,
  },
  {
    path: '/reset-password',
    ...screen(() => import('../features/auth/routes/reset-password')),
    errorElement: <RouteError />,
  },
  {
    path: '/accept-invitation',
    ...screen(() => import('../features/auth/routes/accept-invitation')),
    errorElement: <RouteError />,
  },
  {
    // The page behind an email's unsubscribe link: no sign-in (the link is signed).
    path: '/unsubscribe/:token',
    ...screen(() => import('../features/notifications/routes/unsubscribe')),
    errorElement: <RouteError />,
  },
  {
    path: '/sign-in/problem',
    ...screen(() => import('../features/sso/routes/sso-problem')),
    errorElement: <RouteError />,
  },
  {
    path: '/confirm-email',
    ...screen(() => import('../features/auth/routes/confirm-email')),
    errorElement: <RouteError />,
  },
  {
    path: '/welcome',
    ...screen(() => import('../features/organisations/routes/first-run')),
    errorElement: <RouteError />,
  },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'account', ...screen(() => import('../features/account/routes/your-account')) },
      { path: 'notifications', ...screen(() => import('../features/notifications/routes/notifications')) },
      {
        path: 'notifications/preferences',
        ...screen(() => import('../features/notifications/routes/preferences')),
      },
      { path: 'api-tokens', ...screen(() => import('../features/api-tokens/routes/api-tokens')) },
      // Participants
      { path: 'my', ...screen(() => import('../features/enrolments/routes/my-programmes')) },
      {
        path: 'my/programmes/:programmeId/enrol',
        ...screen(() => import('../features/enrolments/routes/enrol')),
      },
      {
        path: 'my/enrolments/:enrolmentId',
        ...screen(() => import('../features/enrolments/routes/my-enrolment')),
      },
      {
        path: 'my/programmes/:programmeId/mentors',
        ...screen(() => import('../features/relationships/routes/shortlist')),
      },
      {
        path: 'my/programmes/:programmeId/self-assessment',
        ...screen(() => import('../features/enrolments/routes/self-assessment')),
      },
      {
        path: 'my/relationships/:relationshipId',
        ...screen(() => import('../features/relationships/routes/relationship')),
      },
      // Programme managers and admins
      onlyFor(managers, [
        { path: 'programmes', ...screen(() => import('../features/programmes/routes/programmes-list')) },
        { path: 'programmes/new', ...screen(() => import('../features/programmes/routes/programme-new')) },
        {
          path: 'programmes/:programmeId/edit',
          ...screen(() => import('../features/programmes/routes/programme-edit')),
        },
        {
          path: 'programmes/:programmeId',
          ...screen(() => import('../features/programmes/routes/programme-detail')),
          children: [
            { index: true, ...screen(() => import('../features/programmes/routes/programme-overview')) },
            {
              path: 'enrolments',
              ...screen(() => import('../features/enrolments/routes/programme-enrolments')),
            },
            { path: 'matching', ...screen(() => import('../features/matching/routes/matching-workspace')) },
            { path: 'health', ...screen(() => import('../features/overview/routes/programme-health')) },
          ],
        },
        { path: 'people', ...screen(() => import('../features/people/routes/people-list')) },
        { path: 'people/import', ...screen(() => import('../features/people/routes/people-import')) },
        { path: 'people/:personId', ...screen(() => import('../features/people/routes/person')) },
        { path: 'topics', ...screen(() => import('../features/topics/routes/topics')) },
        { path: 'invitations', ...screen(() => import('../features/invitations/routes/invitations')) },
        { path: 'invitations/new', ...screen(() => import('../features/invitations/routes/invite')) },
      ]),
      // Organisation admins
      onlyFor(admins, [
        { path: 'accounts', ...screen(() => import('../features/accounts/routes/accounts')) },
        { path: 'settings', ...screen(() => import('../features/organisations/routes/settings')) },
        { path: 'mail', ...screen(() => import('../features/notifications/routes/undelivered-mail')) },
        { path: 'settings/sso', ...screen(() => import('../features/sso/routes/sso-settings')) },
        { path: 'audit-log', ...screen(() => import('../features/audit/routes/audit-log')) },
      ]),
      // Sponsors
      { path: 'reports', ...screen(() => import('../features/insights/routes/reports')) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);

// Routes. Every screen but sign-in is its own chunk, so the first screen stays small;
// the later screens (matching workspace, relationships) slot in as more entries here.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
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

/** A lazily loaded screen, shown only to `roles` when given. */
function screen(load: () => Promise<RouteModule>, roles?: Role[]): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const { Component } = await load();
      if (!roles) return { Component };
      return {
        Component: () => (
          <RequireRole roles={roles}>
            <Component />
          </RequireRole>
        ),
      };
    },
  };
}

export const routes: RouteObject[] = [
  { path: '/sign-in', element: <SignInRoute />, errorElement: <RouteError /> },
  { path: '/welcome', ...screen(() => import('../features/organisations/routes/first-run')), errorElement: <RouteError /> },
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
      // Participants
      { path: 'my', ...screen(() => import('../features/enrolments/routes/my-programmes')) },
      { path: 'my/programmes/:programmeId/enrol', ...screen(() => import('../features/enrolments/routes/enrol')) },
      { path: 'my/enrolments/:enrolmentId', ...screen(() => import('../features/enrolments/routes/my-enrolment')) },
      // Programme managers
      { path: 'programmes', ...screen(() => import('../features/programmes/routes/programmes-list'), managers) },
      { path: 'programmes/new', ...screen(() => import('../features/programmes/routes/programme-new'), managers) },
      { path: 'programmes/:programmeId/edit', ...screen(() => import('../features/programmes/routes/programme-edit'), managers) },
      {
        path: 'programmes/:programmeId',
        ...screen(() => import('../features/programmes/routes/programme-detail'), managers),
        children: [
          { index: true, ...screen(() => import('../features/programmes/routes/programme-overview')) },
          { path: 'enrolments', ...screen(() => import('../features/enrolments/routes/programme-enrolments')) },
        ],
      },
      // Organisation admins (people and topics are for managers too)
      { path: 'people', ...screen(() => import('../features/people/routes/people-list'), managers) },
      { path: 'people/import', ...screen(() => import('../features/people/routes/people-import'), managers) },
      { path: 'topics', ...screen(() => import('../features/topics/routes/topics'), managers) },
      { path: 'accounts', ...screen(() => import('../features/accounts/routes/accounts'), admins) },
      // Sponsors
      { path: 'reports', ...screen(() => import('../features/insights/routes/reports')) },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export const router = createBrowserRouter(routes);

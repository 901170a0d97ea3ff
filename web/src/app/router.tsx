import { Center, Loader } from '@mantine/core';
import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from './pages/not-found-page';
import { RouteErrorPage } from './pages/route-error-page';
import { RequireAuth } from './require-auth';
import { AppLayout } from './shell/app-layout';

function PageLoader() {
  return (
    <Center h="50vh">
      <Loader />
    </Center>
  );
}

/** Routes; every page is a lazy chunk so the first load stays small. */
export function createAppRouter() {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorPage,
      HydrateFallback: PageLoader,
      children: [
        {
          path: '/login',
          lazy: async () => ({ Component: (await import('./pages/login-page')).LoginPage }),
        },
        {
          element: <RequireAuth />,
          children: [
            {
              element: <AppLayout />,
              ErrorBoundary: RouteErrorPage,
              children: [
                {
                  index: true,
                  lazy: async () => ({ Component: (await import('./pages/dashboard-page')).DashboardPage }),
                },
                {
                  path: 'users',
                  lazy: async () => ({ Component: (await import('./pages/users-page')).UsersPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/user-detail-drawer')).UserDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'teams',
                  lazy: async () => ({ Component: (await import('./pages/teams-page')).TeamsPage }),
                  children: [
                    {
                      path: ':id',
                      lazy: async () => ({
                        Component: (await import('./pages/team-detail-drawer')).TeamDetailDrawer,
                      }),
                    },
                  ],
                },
                {
                  path: 'api-tokens',
                  lazy: async () => ({ Component: (await import('./pages/api-tokens-page')).ApiTokensPage }),
                },
                {
                  path: 'profile',
                  lazy: async () => ({ Component: (await import('./pages/profile-page')).ProfilePage }),
                },
                { path: '*', Component: NotFoundPage },
              ],
            },
          ],
        },
      ],
    },
  ]);
}

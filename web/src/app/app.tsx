import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { setUnauthorizedHandler } from '../lib/api';
import { meQueryKey } from '../lib/auth';
import { createQueryClient } from '../lib/query-client';
import { AppProviders } from './providers';
import { createAppRouter } from './router';

function createApp() {
  const queryClient = createQueryClient();
  const router = createAppRouter();
  // a 401 anywhere (session expired, logged out in another tab): drop cached data; RequireAuth
  // then sends the user to /login and back to where they were afterwards
  setUnauthorizedHandler(() => {
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    queryClient.setQueryData(meQueryKey, null);
  });
  return { queryClient, router };
}

export function App() {
  const [{ queryClient, router }] = useState(createApp);
  return (
    <AppProviders queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}

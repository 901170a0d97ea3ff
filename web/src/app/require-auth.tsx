import { Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { QueryError } from '../components/query-error';
import { SessionProvider, useMeQuery, wasLoggedOut } from '../lib/auth';
import { applyLanguage, isAppLocale } from '../lib/i18n';

/** Everything below needs a session: without one, go to /login and come back afterwards. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMeQuery();
  const locale = me.data?.user.locale;

  // the user's saved language wins over the device's
  useEffect(() => {
    if (isAppLocale(locale)) void applyLanguage(locale);
  }, [locale]);

  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100vh" p="md">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    const plain = next === '/' || wasLoggedOut();
    return <Navigate to={plain ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionProvider me={me.data}>
      <Outlet />
    </SessionProvider>
  );
}

import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NotificationsProvider } from '../components/notifications';
import type { createQueryClient } from '../lib/query-client';
import { theme } from './theme';

export function AppProviders({
  queryClient,
  children,
}: {
  queryClient: ReturnType<typeof createQueryClient>;
  children: ReactNode;
}) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <NotificationsProvider>{children}</NotificationsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

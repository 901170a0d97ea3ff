import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Last resort for render errors and failed lazy chunks (e.g. after a deploy): offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" gap="sm" maw={520} data-testid="route-error">
        <Title order={2}>{t('crash.title')}</Title>
        <Text c="dimmed" ta="center">
          {t('crash.message')}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" ta="center">
          {detail}
        </Text>
        <Button onClick={() => window.location.reload()}>{t('crash.reload')}</Button>
      </Stack>
    </Center>
  );
}

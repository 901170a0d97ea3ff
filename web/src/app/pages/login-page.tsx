import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ColorSchemeToggle } from '../../components/color-scheme-toggle';
import { LanguageSwitch, LoginForm } from '../../features/auth';
import { useMeQuery } from '../../lib/auth';

/** Only same-site paths are followed after login (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useMeQuery();
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="flex-end" p="md" gap="xs">
        <LanguageSwitch />
        <ColorSchemeToggle />
      </Group>
      <Center px="md" pb="xl" style={{ minHeight: 'calc(100vh - 140px)' }}>
        <Stack w="100%" maw={400} gap="lg">
          <Stack align="center" gap={6}>
            <ThemeIcon size={48} radius="md">
              <Text fw={800} size="xl">
                K
              </Text>
            </ThemeIcon>
            <Title order={2}>{t('login.title')}</Title>
            <Text c="dimmed" size="sm" ta="center">
              {t('login.subtitle')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <LoginForm onLoggedIn={() => navigate(next, { replace: true })} />
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}

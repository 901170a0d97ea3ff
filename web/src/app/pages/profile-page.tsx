import { Card, SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { HistoryTimeline } from '../../features/audit';
import { PasswordForm, ProfileForm } from '../../features/auth';
import { WorkSettingsForm } from '../../features/notifications';
import { useCan, useMeQuery, useSession } from '../../lib/auth';

export function ProfilePage() {
  const { t } = useTranslation('auth');
  const me = useSession();
  const meQuery = useMeQuery();
  const can = useCan();
  const reload = () => meQuery.refetch();

  return (
    <Stack gap="md" data-testid="profile-page">
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="md">
            {t('profile.section')}
          </Title>
          <ProfileForm user={me.user} onReload={reload} />
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="md">
            {t('password.title')}
          </Title>
          <PasswordForm user={me.user} onReload={reload} />
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" padding="lg" maw={640}>
        <Title order={4} mb="md">
          {t('notifications:settings.title')}
        </Title>
        <WorkSettingsForm />
      </Card>
      {can('audit.read') ? (
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="md">
            {t('profile.history')}
          </Title>
          <HistoryTimeline entityType="user" entityId={me.user.id} />
        </Card>
      ) : null}
    </Stack>
  );
}

import { Avatar, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../../contracts/identity';
import { useFormat } from '../../../lib/use-format';
import { ActiveBadge, RoleBadge } from './role-badge';

/** Head of a user's detail view: name, e-mail, role, status, dates. */
export function UserSummary({ user }: { user: User }) {
  const { t } = useTranslation('users');
  const fmt = useFormat();
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" data-testid="user-summary">
      <Avatar name={user.name} color="initials" size="lg" radius="xl" />
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Text fw={600} size="lg" truncate>
          {user.name}
        </Text>
        <Text size="sm" c="dimmed" truncate>
          {user.email}
        </Text>
        <Group gap="xs">
          <RoleBadge role={user.role} />
          <ActiveBadge active={user.active} />
        </Group>
        <Text size="xs" c="dimmed">
          {t('meta', { created: fmt.dateTime(user.createdAt), updated: fmt.dateTime(user.updatedAt) })}
        </Text>
      </Stack>
    </Group>
  );
}

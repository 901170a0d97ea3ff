import { ActionIcon, Box, Group, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS, type Notification } from '../../../../../contracts/work';
import { useFormat } from '../../../lib/use-format';

const KNOWN = new Set<string>(NOTIFICATION_KINDS);

/** One notification in the bell: kind, title, second line, age; unread ones are marked. */
export function NotificationListItem({
  notification: n,
  onOpen,
  onMarkRead,
}: {
  notification: Notification;
  onOpen: () => void;
  onMarkRead: () => void;
}) {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const unread = n.readAt === null;
  const kind = KNOWN.has(n.kind) ? t(`kinds.${n.kind}`) : t('kinds.other');
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      px="md"
      py={6}
      align="flex-start"
      bg={unread ? 'var(--mantine-primary-color-light)' : undefined}
      data-testid="notification-item"
      data-unread={unread}
    >
      <UnstyledButton onClick={onOpen} style={{ flex: 1, minWidth: 0 }} data-testid="notification-open">
        <Text size="xs" c="dimmed">
          {kind} · {fmt.relative(n.createdAt)}
        </Text>
        <Text size="sm" fw={unread ? 600 : 400} lineClamp={2}>
          {n.title}
        </Text>
        {n.body ? (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {n.body}
          </Text>
        ) : null}
      </UnstyledButton>
      <Box w={28}>
        {unread ? (
          <Tooltip label={t('bell.markRead')}>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('bell.markRead')}
              onClick={onMarkRead}
              data-testid="notification-mark-read"
            >
              <IconCheck size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Box>
    </Group>
  );
}

import {
  ActionIcon,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useNotify } from '../../../components/notifications';
import { useMarkNotificationsRead, useNotifications } from '../api/notifications-api';
import { useNotificationStream } from '../hooks/use-notification-stream';
import { NotificationListItem } from './notification-list-item';

/** The bell in the header: unread badge, popover with the newest notifications, live via SSE. */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const [opened, setOpened] = useState(false);
  const navigate = useNavigate();
  const notify = useNotify();
  const list = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  useNotificationStream((n) => {
    if (n.kind === 'task_reminder') notify.info(n.body ?? n.title, t('toast.reminder', { title: n.title }));
  });

  const open = (id: string, link: string | null, isUnread: boolean) => {
    if (isUnread) markRead.mutate([id]);
    setOpened(false);
    if (link) navigate(link);
  };

  return (
    <Popover opened={opened} onChange={setOpened} width={380} position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Tooltip label={t('bell.label')} disabled={opened}>
          <Indicator
            label={unread > 99 ? '99+' : unread}
            size={18}
            disabled={unread === 0}
            color="red"
            offset={4}
            data-testid="notification-badge"
            data-count={unread}
          >
            <ActionIcon
              variant="default"
              size="lg"
              radius="md"
              aria-label={t('bell.aria', { count: unread })}
              onClick={() => setOpened((o) => !o)}
              data-testid="notification-bell"
            >
              <IconBell size={18} />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-popover">
        <Group justify="space-between" px="md" py="xs">
          <Text fw={600}>{t('bell.title')}</Text>
          <Button
            variant="subtle"
            size="compact-sm"
            disabled={unread === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate(undefined)}
            data-testid="notification-mark-all-read"
          >
            {t('bell.markAllRead')}
          </Button>
        </Group>
        <ScrollArea.Autosize mah={420}>
          {items.length === 0 ? (
            <Text c="dimmed" size="sm" px="md" pb="md" data-testid="notification-empty">
              {t('bell.empty')}
            </Text>
          ) : (
            <Stack gap={0} pb="xs">
              {items.map((n) => (
                <NotificationListItem
                  key={n.id}
                  notification={n}
                  onOpen={() => open(n.id, n.link, n.readAt === null)}
                  onMarkRead={() => markRead.mutate([n.id])}
                />
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

import {
  ActionIcon,
  Badge,
  Code,
  Group,
  Menu,
  Paper,
  ScrollArea,
  Skeleton,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconEdit, IconKey, IconList, IconSend, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import {
  useDeleteWebhook,
  usePingWebhook,
  useRotateSecret,
  useWebhooks,
  type Webhook,
  type WebhookDelivery,
  type WebhookWithSecret,
} from '../api/webhooks-api';
import { webhookErrorMessage } from '../webhook-errors';

/** The webhooks with their actions: edit, delivery log, test delivery, rotate secret, delete. */
export function WebhooksList({
  onEdit,
  onShowLog,
  onSecret,
}: {
  onEdit: (hook: Webhook) => void;
  onShowLog: (hook: Webhook) => void;
  onSecret: (hook: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation('webhooks');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useWebhooks();
  const ping = usePingWebhook();
  const rotate = useRotateSecret();
  const remove = useDeleteWebhook();
  const [toRotate, setToRotate] = useState<Webhook | null>(null);
  const [toDelete, setToDelete] = useState<Webhook | null>(null);
  const hooks = query.data?.items ?? [];
  const fail = (err: unknown) => notify.error(webhookErrorMessage(err, t));

  const pinged = (d: WebhookDelivery) => {
    if (d.lastError === null) notify.success(t('log.sent', { code: d.lastStatusCode ?? '' }));
    else notify.error(t('log.notSent', { error: d.lastError }));
  };

  const confirmRotate = () => {
    if (!toRotate) return;
    rotate.mutate(toRotate.id, {
      onSuccess: (hook) => {
        setToRotate(null);
        onSecret(hook);
      },
      onError: (err) => {
        setToRotate(null);
        fail(err);
      },
    });
  };

  const confirmDelete = () => {
    if (!toDelete) return;
    const name = toDelete.name;
    remove.mutate(toDelete, {
      onSuccess: () => notify.success(t('delete.done', { name })),
      onError: fail,
      onSettled: () => setToDelete(null),
    });
  };

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.isPending && hooks.length === 0)
    return <EmptyState title={t('empty')}>{t('emptyHint')}</EmptyState>;

  return (
    <Paper withBorder radius="md" p="md">
      <ScrollArea>
        <Table verticalSpacing="sm" miw={760} data-testid="webhooks-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.url')}</Table.Th>
              <Table.Th>{t('fields.events')}</Table.Th>
              <Table.Th>{t('fields.active')}</Table.Th>
              <Table.Th>{t('fields.secret')}</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.isPending ? (
              <Table.Tr>
                <Table.Td colSpan={6}>
                  <Skeleton height={18} />
                </Table.Td>
              </Table.Tr>
            ) : (
              hooks.map((hook) => (
                <Table.Tr key={hook.id} data-testid="webhook-row" data-name={hook.name}>
                  <Table.Td>
                    <Text
                      size="sm"
                      fw={500}
                      style={{ cursor: 'pointer' }}
                      onClick={() => onShowLog(hook)}
                      data-testid="webhook-open-log"
                    >
                      {hook.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {hook.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={hook.events.join(', ')} multiline maw={420}>
                      <Group gap={4}>
                        {hook.events.slice(0, 3).map((e) => (
                          <Badge key={e} variant="outline" size="sm" tt="none">
                            {e}
                          </Badge>
                        ))}
                        {hook.events.length > 3 ? (
                          <Badge variant="light" size="sm">
                            +{hook.events.length - 3}
                          </Badge>
                        ) : null}
                      </Group>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={hook.active ? 'teal' : 'gray'} variant="light" data-testid="webhook-state">
                      {hook.active ? t('state.active') : t('state.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Code>{hook.secretHint}</Code>
                    {hook.previousSecretExpiresAt && Date.parse(hook.previousSecretExpiresAt) > Date.now() ? (
                      <Text size="xs" c="dimmed">
                        {t('secret.graceUntil', { at: fmt.dateTime(hook.previousSecretExpiresAt) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('actions.menu')}
                          data-testid="webhook-menu"
                        >
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item
                          leftSection={<IconEdit size={16} />}
                          onClick={() => onEdit(hook)}
                          data-testid="webhook-edit"
                        >
                          {t('actions.edit')}
                        </Menu.Item>
                        <Menu.Item
                          leftSection={<IconList size={16} />}
                          onClick={() => onShowLog(hook)}
                          data-testid="webhook-log"
                        >
                          {t('actions.log')}
                        </Menu.Item>
                        <Menu.Item
                          leftSection={<IconSend size={16} />}
                          onClick={() => ping.mutate(hook.id, { onSuccess: pinged, onError: fail })}
                          data-testid="webhook-ping"
                        >
                          {t('actions.ping')}
                        </Menu.Item>
                        <Menu.Item
                          leftSection={<IconKey size={16} />}
                          onClick={() => setToRotate(hook)}
                          data-testid="webhook-rotate"
                        >
                          {t('actions.rotate')}
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item
                          color="red"
                          leftSection={<IconTrash size={16} />}
                          onClick={() => setToDelete(hook)}
                          data-testid="webhook-delete"
                        >
                          {t('actions.delete')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <ConfirmDialog
        opened={toRotate !== null}
        title={t('rotate.title')}
        message={t('rotate.message', { name: toRotate?.name ?? '' })}
        confirmLabel={t('rotate.confirm')}
        loading={rotate.isPending}
        onConfirm={confirmRotate}
        onCancel={() => setToRotate(null)}
      />
      <ConfirmDialog
        opened={toDelete !== null}
        title={t('delete.title')}
        message={t('delete.message', { name: toDelete?.name ?? '' })}
        confirmLabel={t('delete.confirm')}
        danger
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setToDelete(null)}
      />
    </Paper>
  );
}

import {
  Badge,
  Button,
  Drawer,
  Group,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconRefresh, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import {
  type DeliveryStatus,
  usePingWebhook,
  useResendDelivery,
  useWebhookDeliveries,
  type Webhook,
  type WebhookDelivery,
} from '../api/webhooks-api';

const STATUS_COLORS: Record<DeliveryStatus, string> = { pending: 'yellow', delivered: 'teal', failed: 'red' };
const FILTERS = ['all', 'pending', 'delivered', 'failed'] as const;

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('webhooks');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="delivery-status">
      {t(`status.${status}`)}
    </Badge>
  );
}

/** Each attempt of a delivery: time, response code or error. */
function AttemptList({ delivery }: { delivery: WebhookDelivery }) {
  const { t } = useTranslation('webhooks');
  const fmt = useFormat();
  if (!delivery.attemptLog.length) return <Text size="xs">{t('log.noAttempt')}</Text>;
  return (
    <Stack gap={2}>
      {delivery.attemptLog.map((a) => (
        <Text size="xs" key={`${a.at}-${a.durationMs}-${a.statusCode}`}>
          {fmt.dateTime(a.at)} · {a.statusCode ?? '—'} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

/** The delivery log of one webhook: status, response code, attempts, time; resend and ping. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation('webhooks');
  const fmt = useFormat();
  const notify = useNotify();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const query = useWebhookDeliveries(webhook?.id ?? null, filter === 'all' ? null : filter);
  const resend = useResendDelivery();
  const ping = usePingWebhook();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const report = (d: WebhookDelivery) => {
    if (d.lastError === null && d.status === 'delivered')
      notify.success(t('log.sent', { code: d.lastStatusCode ?? '' }));
    else notify.error(t('log.notSent', { error: d.lastError ?? '' }));
  };

  return (
    <Drawer
      opened={webhook !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={webhook ? t('log.title', { name: webhook.name }) : ''}
      data-testid="webhook-deliveries"
    >
      {webhook ? (
        <Stack gap="md">
          <Group justify="space-between">
            <SegmentedControl
              value={filter}
              onChange={(v) => setFilter(v as (typeof FILTERS)[number])}
              data={FILTERS.map((f) => ({ value: f, label: t(f === 'all' ? 'log.all' : `status.${f}`) }))}
              data-testid="delivery-filter"
            />
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                onClick={() => void query.refetch()}
                data-testid="delivery-refresh"
              >
                {t('log.refresh')}
              </Button>
              <Button
                leftSection={<IconSend size={16} />}
                loading={ping.isPending}
                onClick={() =>
                  ping.mutate(webhook.id, {
                    onSuccess: report,
                    onError: (e) => notify.error(errorMessage(e, t)),
                  })
                }
                data-testid="webhook-ping-log"
              >
                {t('actions.ping')}
              </Button>
            </Group>
          </Group>
          {query.isError ? (
            <QueryError error={query.error} onRetry={() => void query.refetch()} />
          ) : query.isPending ? (
            <Skeleton height={120} />
          ) : items.length === 0 ? (
            <EmptyState title={t('log.empty')}>{t('log.emptyHint')}</EmptyState>
          ) : (
            <ScrollArea>
              <Table verticalSpacing="xs" miw={640} data-testid="delivery-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('log.time')}</Table.Th>
                    <Table.Th>{t('log.event')}</Table.Th>
                    <Table.Th>{t('log.status')}</Table.Th>
                    <Table.Th>{t('log.code')}</Table.Th>
                    <Table.Th>{t('log.attempts')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.id} data-testid="delivery-row" data-delivery-id={d.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{fmt.dateTime(d.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {d.eventType}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          <DeliveryStatusBadge status={d.status} />
                          {d.status === 'pending' && d.nextAttemptAt ? (
                            <Text size="xs" c="dimmed">
                              {t('log.next', { at: fmt.dateTime(d.nextAttemptAt) })}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={d.lastError ?? ''} disabled={!d.lastError} multiline maw={360}>
                          <Text size="sm" data-testid="delivery-code">
                            {d.lastStatusCode ?? (d.lastError ? t('log.noAnswer') : '—')}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Tooltip label={<AttemptList delivery={d} />} multiline maw={480}>
                          <Text size="sm" td="underline dotted" data-testid="delivery-attempts">
                            {d.attempts}
                          </Text>
                        </Tooltip>
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="light"
                          loading={resend.isPending && resend.variables === d.id}
                          onClick={() =>
                            resend.mutate(d.id, {
                              onSuccess: report,
                              onError: (e) => notify.error(errorMessage(e, t)),
                            })
                          }
                          data-testid="delivery-resend"
                        >
                          {t('actions.resend')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          )}
          <LoadMore
            hasMore={!!query.hasNextPage}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            loaded={items.length}
            testId="delivery-more"
          />
        </Stack>
      ) : null}
    </Drawer>
  );
}

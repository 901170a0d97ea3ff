import {
  Badge,
  Code,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Skeleton,
  Spoiler,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useMailOutbox } from '../api/notifications-api';

const STATUS_COLOR: Record<string, string> = { outbox: 'blue', sent: 'teal', failed: 'red' };

/** Admins read the mail Kontor sent or queued; without SMTP_URL every mail stays here. */
export function MailOutboxTable() {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const [status, setStatus] = useState('all');
  const query = useMailOutbox(status === 'all' ? null : status);
  const mails = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="sm">
        <SegmentedControl
          value={status}
          onChange={setStatus}
          data={['all', 'outbox', 'sent', 'failed'].map((s) => ({
            value: s,
            label: t(`mailOutbox.statuses.${s}`),
          }))}
          data-testid="mail-outbox-status"
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea>
          <Table verticalSpacing="sm" miw={720} data-testid="mail-outbox-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mailOutbox.createdAt')}</Table.Th>
                <Table.Th>{t('mailOutbox.to')}</Table.Th>
                <Table.Th>{t('mailOutbox.subject')}</Table.Th>
                <Table.Th>{t('mailOutbox.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending ? (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Skeleton height={18} />
                  </Table.Td>
                </Table.Tr>
              ) : (
                mails.map((m) => (
                  <Table.Tr key={m.id} data-testid="mail-row" data-to={m.to}>
                    <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                      <Text size="sm">{fmt.dateTime(m.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">{m.to}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {m.subject}
                      </Text>
                      <Spoiler
                        maxHeight={0}
                        showLabel={t('mailOutbox.show')}
                        hideLabel={t('mailOutbox.hide')}
                      >
                        <Code block>{m.text}</Code>
                      </Spoiler>
                      {m.lastError ? (
                        <Text size="xs" c="red">
                          {m.lastError}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Badge color={STATUS_COLOR[m.status] ?? 'gray'} variant="light">
                        {t(`mailOutbox.statuses.${m.status}`)}
                      </Badge>
                      {m.sentAt ? (
                        <Text size="xs" c="dimmed">
                          {fmt.dateTime(m.sentAt)}
                        </Text>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
          {!query.isPending && mails.length === 0 ? (
            <EmptyState title={t('mailOutbox.empty')}>{t('mailOutbox.emptyHint')}</EmptyState>
          ) : null}
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        testId="mail-outbox-load-more"
      />
    </Paper>
  );
}

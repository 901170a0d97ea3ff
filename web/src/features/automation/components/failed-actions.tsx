import { Anchor, Badge, Button, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useFailedActions, useResolveFailedAction } from '../api/automation-api';

/** The number of failed actions for a badge: "3", or "50+" past the first page. */
export function useFailedActionCount(): string | null {
  const query = useFailedActions();
  if (!query.data) return null;
  const loaded = query.data.pages.reduce((n, p) => n + p.items.length, 0);
  return query.hasNextPage ? `${loaded}+` : String(loaded);
}

/** Actions that failed after their last try: the admin retries or discards each. */
export function FailedActions({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('automation');
  const fmt = useFormat();
  const notify = useNotify();
  const query = useFailedActions();
  const resolve = useResolveFailedAction();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Loader />;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState title={t('failed.empty')}>{t('failed.emptyHint')}</EmptyState>;

  const act = (id: string, verb: 'retry' | 'discard') =>
    resolve.mutate(
      { id, verb },
      {
        onSuccess: () => notify.success(t(verb === 'retry' ? 'failed.retried' : 'failed.discarded')),
        onError: (err) => notify.error(errorMessage(err, t)),
      },
    );

  return (
    <>
      <Table striped data-testid="failed-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('failed.rule')}</Table.Th>
            <Table.Th>{t('failed.action')}</Table.Th>
            <Table.Th>{t('failed.record')}</Table.Th>
            <Table.Th>{t('failed.error')}</Table.Th>
            <Table.Th ta="right">{t('failed.attempts')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id} data-testid="failed-row" data-id={a.id}>
              <Table.Td>
                <Anchor component={Link} to={`/admin/automation/rules/${a.ruleId}`}>
                  {a.ruleName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light">{t(`actionKinds.${a.kind}`, { defaultValue: a.kind })}</Badge>
              </Table.Td>
              <Table.Td>{a.recordLabel ?? '–'}</Table.Td>
              <Table.Td>
                <Text size="sm" c="red">
                  {a.lastError ?? ''}
                </Text>
                {a.finishedAt ? (
                  <Text size="xs" c="dimmed">
                    {fmt.dateTime(a.finishedAt)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{a.attempts}</Table.Td>
              <Table.Td>
                {canManage ? (
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => act(a.id, 'retry')}
                      data-testid="failed-retry"
                    >
                      {t('failed.retry')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => act(a.id, 'discard')}
                      data-testid="failed-discard"
                    >
                      {t('failed.discard')}
                    </Button>
                  </Group>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={items.length}
      />
    </>
  );
}

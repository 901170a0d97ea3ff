import { Anchor, Badge, Card, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useBankStatements } from '../api/bank-statements-api';

/** The imported bank statements, newest first, each with its matched and to-review counts. */
export function BankStatementsList() {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const query = useBankStatements();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="bank-statements-list">
      {query.isPending ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('bank.list.empty')}>{t('bank.list.emptyHint')}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" fz="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bank.fields.statementId')}</Table.Th>
                  <Table.Th>{t('bank.fields.account')}</Table.Th>
                  <Table.Th>{t('bank.fields.period')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('bank.fields.entries')}</Table.Th>
                  <Table.Th>{t('bank.fields.result')}</Table.Th>
                  <Table.Th>{t('bank.fields.importedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id} data-testid="bank-statement-row" data-statement-id={s.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        to={`/bank-statements/${s.id}`}
                        size="sm"
                        fw={500}
                        data-testid="bank-statement-row-link"
                      >
                        {s.statementId}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {s.format.startsWith('camt') ? s.format : s.format.toUpperCase()}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.accountIban}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {s.fromDate ? fmt.date(s.fromDate) : '—'}
                      {s.toDate && s.toDate !== s.fromDate ? ` – ${fmt.date(s.toDate)}` : ''}
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{s.entryCount}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Badge size="sm" variant="light" color="teal">
                          {t('bank.upload.matched', { count: s.matchedCount })}
                        </Badge>
                        {s.reviewCount > 0 ? (
                          <Badge size="sm" variant="light" color="orange">
                            {t('bank.upload.review', { count: s.reviewCount })}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.dateTime(s.importedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            hasMore={Boolean(query.hasNextPage)}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            loaded={items.length}
          />
        </>
      )}
    </Card>
  );
}

import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BankEntry, BankStatementWithEntries } from '../../../../../contracts/bank-statements';
import { EmptyState } from '../../../components/empty-state';
import { useFormat } from '../../../lib/use-format';
import { BankEntryStatusBadge } from './bank-entry-status-badge';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </Stack>
  );
}

/** The invoices an entry paid, as links. */
function Allocations({ entry }: { entry: BankEntry }) {
  const fmt = useFormat();
  if (entry.allocations.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {entry.allocations.map((a) => (
        <Group key={a.invoiceId} gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/invoices/${a.invoiceId}`} size="sm" data-testid="bank-entry-invoice">
            {a.invoiceNumber ?? a.invoiceId}
          </Anchor>
          {a.amountCents !== entry.amountCents ? (
            <Text size="xs" c="dimmed">
              {fmt.money(a.amountCents, 'EUR')}
            </Text>
          ) : null}
        </Group>
      ))}
    </Stack>
  );
}

/** A statement: account, period, balances, and its entries with their status and the invoices they paid. */
export function BankStatementDetail({ statement }: { statement: BankStatementWithEntries }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const balance = (cents: number | null | undefined) =>
    cents === null || cents === undefined ? '—' : fmt.money(cents, 'EUR');
  return (
    <Stack gap="lg" data-testid="bank-statement-detail" data-statement-id={statement.id}>
      <Card withBorder radius="md" padding="lg">
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <Fact label={t('bank.fields.account')}>{statement.accountIban}</Fact>
          <Fact label={t('bank.fields.period')}>
            {statement.fromDate ? fmt.date(statement.fromDate) : '—'}
            {statement.toDate && statement.toDate !== statement.fromDate
              ? ` – ${fmt.date(statement.toDate)}`
              : ''}
          </Fact>
          <Fact label={t('bank.fields.openingBalance')}>{balance(statement.openingBalanceCents)}</Fact>
          <Fact label={t('bank.fields.closingBalance')}>{balance(statement.closingBalanceCents)}</Fact>
          <Fact label={t('bank.fields.format')}>
            {statement.format.startsWith('camt') ? statement.format : statement.format.toUpperCase()}
          </Fact>
          <Fact label={t('bank.fields.importedAt')}>{fmt.dateTime(statement.importedAt)}</Fact>
          <Fact label={t('bank.fields.result')}>
            {t('bank.upload.matched', { count: statement.matchedCount })} ·{' '}
            {t('bank.upload.review', { count: statement.reviewCount })}
          </Fact>
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="lg">
        {statement.entries.length === 0 ? (
          <EmptyState title={t('bank.detail.noEntries')} />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('bank.fields.bookingDate')}</Table.Th>
                  <Table.Th>{t('bank.fields.counterparty')}</Table.Th>
                  <Table.Th>{t('bank.fields.remittance')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('bank.fields.amount')}</Table.Th>
                  <Table.Th>{t('bank.fields.status')}</Table.Th>
                  <Table.Th>{t('bank.fields.invoices')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {statement.entries.map((e) => (
                  <Table.Tr
                    key={e.id}
                    data-testid="bank-entry-row"
                    data-entry-id={e.id}
                    data-status={e.status}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {e.bookingDate ? fmt.date(e.bookingDate) : '—'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{e.counterpartyName ?? '—'}</Text>
                      {e.counterpartyIban ? (
                        <Text size="xs" c="dimmed">
                          {e.counterpartyIban}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {e.remittance ?? '—'}
                      </Text>
                      {e.note ? (
                        <Text size="xs" c="dimmed">
                          {e.note}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td
                      style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                      c={e.creditDebit === 'debit' ? 'red' : undefined}
                    >
                      {fmt.money(e.creditDebit === 'debit' ? -e.amountCents : e.amountCents, 'EUR')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <BankEntryStatusBadge status={e.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Allocations entry={e} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}

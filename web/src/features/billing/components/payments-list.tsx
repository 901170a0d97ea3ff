import { Badge, Card, Loader, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { usePayments } from '../api/invoices-api';

/** The payments booked on an invoice (by hand or from a bank statement), newest first. */
export function InvoicePayments({ invoiceId }: { invoiceId: string }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const query = usePayments(invoiceId);
  const payments = query.data ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="invoice-payments">
      <Title order={4} mb="md">
        {t('payments.title')}
      </Title>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : payments.length === 0 ? (
        <EmptyState title={t('payments.empty')} />
      ) : (
        <Table verticalSpacing="xs" fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('payment.date')}</Table.Th>
              <Table.Th>{t('payment.method')}</Table.Th>
              <Table.Th>{t('payment.reference')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('payment.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((p) => {
              const here = p.allocations.find((a) => a.invoiceId === invoiceId)?.amountCents ?? p.amountCents;
              return (
                <Table.Tr key={p.id} data-testid="invoice-payment" data-amount-cents={here}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmt.date(p.date)}</Table.Td>
                  <Table.Td>
                    {t(`paymentMethods.${p.method}`)}
                    {p.source === 'bank_statement' ? (
                      <Badge size="xs" variant="light" ml={6}>
                        {t('payments.fromStatement')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.reference ?? '—'}</Text>
                    {p.payerName ? (
                      <Text size="xs" c="dimmed">
                        {p.payerName}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt.money(here, 'EUR')}
                    {here !== p.amountCents ? (
                      <Text size="xs" c="dimmed">
                        {t('payments.ofTotal', { amount: fmt.money(p.amountCents, 'EUR') })}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

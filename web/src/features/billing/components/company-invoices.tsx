import { Anchor, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useCompanyInvoices } from '../api/invoices-api';
import { InvoiceStatusBadge } from './invoice-status-badge';

const LIMIT = 10;

/** The latest invoices of a company with its open amount; a new invoice for it. */
export function CompanyInvoices({ companyId }: { companyId: string }) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const can = useCan();
  const query = useCompanyInvoices(companyId, LIMIT);
  const invoices = query.data?.items ?? [];
  const open = invoices.reduce((s, i) => s + (i.kind === 'invoice' ? i.openCents : 0), 0);
  return (
    <Paper withBorder radius="md" p="md" data-testid="company-invoices">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <Title order={4}>{t('company.title')}</Title>
          {open > 0 ? (
            <Text size="sm" c="dimmed" data-testid="company-invoices-open">
              {t('company.open', { amount: fmt.money(open, 'EUR') })}
            </Text>
          ) : null}
        </Group>
        <Group gap="sm">
          {query.data?.nextCursor ? (
            <Anchor component={Link} to={`/invoices?companyId=${companyId}`} size="sm">
              {t('company.all')}
            </Anchor>
          ) : null}
          {can('invoices.write') ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              component={Link}
              to={`/invoices/new?companyId=${companyId}`}
              data-testid="company-invoice-new"
            >
              {t('company.new')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : invoices.length === 0 ? (
        <EmptyState title={t('company.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.number')}</Table.Th>
                <Table.Th>{t('fields.issueDate')}</Table.Th>
                <Table.Th>{t('fields.dueDate')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.gross')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.open')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoices.map((i) => (
                <Table.Tr key={i.id} data-testid="company-invoice" data-invoice-id={i.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" fw={500}>
                      {i.number ?? t('list.draftNumber')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {i.issueDate ? fmt.date(i.issueDate) : '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {i.dueDate ? fmt.date(i.dueDate) : '—'}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt.money((i.kind === 'credit_note' ? -1 : 1) * i.grossCents, 'EUR')}
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {i.openCents ? fmt.money(i.openCents, 'EUR') : '—'}
                  </Table.Td>
                  <Table.Td>
                    <InvoiceStatusBadge status={i.status} overdue={i.overdue} kind={i.kind} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

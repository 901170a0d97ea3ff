import { Anchor, Button, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useSupplierPurchaseOrders } from '../api/purchase-orders-api';
import { PurchaseOrderStatusBadge } from './po-status-badge';

const LIMIT = 10;

/** A supplier's latest purchase orders on its company page, and a new order to it. */
export function CompanyPurchaseOrders({ companyId }: { companyId: string }) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const can = useCan();
  const query = useSupplierPurchaseOrders(companyId, LIMIT);
  const orders = query.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="company-purchase-orders">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('company.title')}</Title>
        <Group gap="sm">
          {query.data?.nextCursor ? (
            <Anchor component={Link} to={`/purchase-orders?supplierId=${companyId}`} size="sm">
              {t('company.all')}
            </Anchor>
          ) : null}
          {can('purchaseOrders.write') ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              component={Link}
              to={`/purchase-orders/new?supplierId=${companyId}`}
              data-testid="company-po-new"
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
      ) : orders.length === 0 ? (
        <EmptyState title={t('company.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.number')}</Table.Th>
                <Table.Th>{t('fields.expectedDate')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.net')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {orders.map((po) => (
                <Table.Tr key={po.id} data-testid="company-po" data-po-id={po.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/purchase-orders/${po.id}`} size="sm" fw={500}>
                      {po.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text span size="sm" c={po.overdue ? 'red' : undefined}>
                      {po.expectedDate ? fmt.date(po.expectedDate) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                    {fmt.money(po.netCents, 'EUR')}
                  </Table.Td>
                  <Table.Td>
                    <PurchaseOrderStatusBadge status={po.status} overdue={po.overdue} />
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

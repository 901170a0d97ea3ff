import { Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useInvoiceDeliveries, useLineProducts } from '../api/inventory-api';
import { DeliveriesList } from './deal-stock-card';
import { DeliveryModal } from './delivery-modal';
import { type InvoiceStockLine, invoiceOpenRows } from './stock-values';
import { useQuantity } from './use-quantity';

/**
 * "Lieferung" on an issued invoice: what its stock-tracked lines still have to deliver, the
 * deliveries made for it, and "Liefern". Nothing is shown when no line is a stock-tracked product.
 */
export function InvoiceDeliveryCard({
  invoiceId,
  dealId,
  lines,
}: {
  invoiceId: string;
  /** The deal the invoice came from: its deliveries count for the invoice too. */
  dealId: string | null;
  /** The invoice's lines (only those with a product count). */
  lines: readonly { productId: string | null; quantity: number; unit: string }[];
}) {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const { qty, unit } = useQuantity();
  const productIds = lines.flatMap((l) => (l.productId ? [l.productId] : []));
  const products = useLineProducts(productIds);
  const deliveries = useInvoiceDeliveries(invoiceId, dealId);
  const [delivering, setDelivering] = useState(false);

  const stockLines = useMemo<InvoiceStockLine[]>(() => {
    const byId = new Map(products.products.map((p) => [p.id, p]));
    return lines.flatMap((l) => {
      const p = l.productId ? byId.get(l.productId) : undefined;
      return p && p.kind === 'stock'
        ? [{ productId: p.id, sku: p.sku, productName: p.name, unit: p.unit, quantity: l.quantity }]
        : [];
    });
  }, [lines, products.products]);

  if (productIds.length === 0) return null;
  if (products.pending || deliveries.isPending) return null;
  if (stockLines.length === 0) return null;

  const rows = invoiceOpenRows(stockLines, deliveries.data ?? []);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="invoice-delivery-card">
      <Group justify="space-between" mb="md">
        <Title order={4}>{t('invoice.title')}</Title>
        {can('deliveries.write') && rows.length > 0 ? (
          <Button
            size="xs"
            leftSection={<IconTruckDelivery size={14} />}
            onClick={() => setDelivering(true)}
            data-testid="invoice-deliver"
          >
            {t('delivery.open')}
          </Button>
        ) : null}
      </Group>
      {deliveries.isError ? (
        <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : (
        <Stack gap="md">
          {rows.length > 0 ? (
            <Table verticalSpacing={4} data-testid="invoice-open-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.product')}</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>{t('fields.open')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.productId} data-testid={`invoice-open-${r.sku}`}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {r.sku}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.productName}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>
                      {qty(r.open)} {unit(r.unit)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="teal" data-testid="invoice-delivered">
              {t('invoice.allDelivered')}
            </Text>
          )}
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('delivery.listTitle')}
            </Text>
            {deliveries.isPending ? (
              <Loader size="sm" />
            ) : (
              <DeliveriesList deliveries={deliveries.data ?? []} />
            )}
          </div>
        </Stack>
      )}
      {can('deliveries.write') ? (
        <DeliveryModal
          opened={delivering}
          onClose={() => setDelivering(false)}
          source={{ invoiceId }}
          rows={rows}
        />
      ) : null}
    </Card>
  );
}

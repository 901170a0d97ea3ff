import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderRef, StockReport } from '../../../../../../contracts/stock-report';
import { useFormat } from '../../../../lib/use-format';
import { qty } from './quantity';
import { MaybeLink, type StockReportLinks } from './stock-links';

/** A purchase order under way for a product: number and status (a link when the user may open it). */
function OrderRefText({ order, link }: { order: OrderRef; link: boolean }) {
  const { t } = useTranslation('stockReport');
  const status = t(`stockReport:poStatus.${order.status}`);
  return (
    <Text size="xs" c={order.status === 'draft' ? 'dimmed' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {link ? (
        <Anchor component={Link} to={`/purchase-orders/${order.purchaseOrderId}`} size="xs">
          {order.number}
        </Anchor>
      ) : (
        order.number
      )}{' '}
      · {status}
    </Text>
  );
}

/** The products whose projected stock is below their reorder point, with their draft and open orders. */
export function BelowReorderTable({ report, links }: { report: StockReport; links: StockReportLinks }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const below = report.belowReorderPoint;
  if (below.count === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="stock-below-empty">
        {t('stockReport:below.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={6} highlightOnHover data-testid="stock-below-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stockReport:columns.product')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.onHand')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.reserved')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.onOrder')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.projected')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.reorderPoint')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.shortfall')}</Table.Th>
              <Table.Th>{t('stockReport:columns.supplier')}</Table.Th>
              <Table.Th>{t('stockReport:columns.orders')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {below.items.map((r) => (
              <Table.Tr key={r.productId} data-testid={`stock-below-row-${r.sku}`}>
                <Table.Td>
                  <MaybeLink to={`/products/${r.productId}`} show={links.products}>
                    {r.sku}
                  </MaybeLink>
                  <Text size="xs" c="dimmed">
                    {r.name}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{qty(fmt, r.onHand)}</Table.Td>
                <Table.Td ta="right">{qty(fmt, r.reserved)}</Table.Td>
                <Table.Td ta="right">{qty(fmt, r.onOrder)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {qty(fmt, r.projected)}
                </Table.Td>
                <Table.Td ta="right">{qty(fmt, r.reorderPoint)}</Table.Td>
                <Table.Td ta="right" c="red.7" fw={600} data-testid="stock-below-shortfall">
                  {qty(fmt, r.shortfall)}
                </Table.Td>
                <Table.Td>
                  {r.preferredSupplierId ? (
                    <MaybeLink to={`/companies/${r.preferredSupplierId}`} show={links.companies}>
                      {r.preferredSupplierName ?? '—'}
                    </MaybeLink>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('stockReport:below.noSupplier')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-testid="stock-below-orders">
                  {r.orders.length === 0 ? (
                    <Text size="sm" c="orange.7">
                      {t('stockReport:below.notOrdered')}
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {r.orders.map((o) => (
                        <OrderRefText key={o.purchaseOrderId} order={o} link={links.purchaseOrders} />
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {below.items.length < below.count ? (
        <Text size="xs" c="dimmed" data-testid="stock-below-more">
          {t('stockReport:below.more', { shown: below.items.length, count: below.count })}
        </Text>
      ) : null}
    </Stack>
  );
}

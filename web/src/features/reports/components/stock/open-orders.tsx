import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockReport } from '../../../../../../contracts/stock-report';
import { useFormat } from '../../../../lib/use-format';
import { LazyBarChart } from '../charts/lazy-charts';
import { compactEuros, euros } from '../charts/money-axis';
import { MaybeLink, type StockReportLinks } from './stock-links';

/** The open purchase orders: open value per supplier (chart and table), then each order by expected date. */
export function OpenOrders({ report, links }: { report: StockReport; links: StockReportLinks }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const orders = report.openOrders;
  if (orders.count === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="open-po-empty">
        {t('stockReport:orders.none')}
      </Text>
    );
  }
  const chart = orders.bySupplier.map((s) => ({
    supplier: s.supplierName ?? t('stockReport:orders.unknownSupplier'),
    open: s.openNetCents / 100,
  }));
  return (
    <Stack gap="lg">
      <LazyBarChart
        height={240}
        data={chart}
        dataKey="supplier"
        series={[{ name: 'open', label: t('stockReport:orders.openValue'), color: 'blue.6' }]}
        valueFormatter={euros(fmt)}
        axisFormatter={compactEuros(fmt)}
        withLegend={false}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} highlightOnHover data-testid="open-po-suppliers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stockReport:columns.supplier')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.orderCount')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.openValue')}</Table.Th>
              <Table.Th>{t('stockReport:columns.earliest')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.overdue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.bySupplier.map((s) => (
              <Table.Tr key={s.supplierId} data-testid={`open-po-supplier-${s.supplierName ?? s.supplierId}`}>
                <Table.Td>
                  <MaybeLink to={`/companies/${s.supplierId}`} show={links.companies}>
                    {s.supplierName ?? t('stockReport:orders.unknownSupplier')}
                  </MaybeLink>
                </Table.Td>
                <Table.Td ta="right">{fmt.number(s.count)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="open-po-supplier-value">
                  {fmt.money(s.openNetCents, report.currency)}
                </Table.Td>
                <Table.Td>{s.earliestExpectedDate ? fmt.date(s.earliestExpectedDate) : '—'}</Table.Td>
                <Table.Td ta="right" c={s.overdueCount > 0 ? 'red.7' : undefined}>
                  {fmt.number(s.overdueCount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={6} highlightOnHover data-testid="open-po-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stockReport:columns.expected')}</Table.Th>
              <Table.Th>{t('stockReport:columns.order')}</Table.Th>
              <Table.Th>{t('stockReport:columns.supplier')}</Table.Th>
              <Table.Th>{t('stockReport:columns.status')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.net')}</Table.Th>
              <Table.Th ta="right">{t('stockReport:columns.openValue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.items.map((o) => (
              <Table.Tr key={o.id} data-testid={`open-po-row-${o.number}`} data-overdue={o.overdue}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" c={o.overdue ? 'red.7' : undefined}>
                      {o.expectedDate ? fmt.date(o.expectedDate) : t('stockReport:orders.noDate')}
                    </Text>
                    {o.overdue ? (
                      <Badge size="xs" color="red" data-testid="open-po-overdue">
                        {t('stockReport:orders.overdue')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <MaybeLink to={`/purchase-orders/${o.id}`} show={links.purchaseOrders}>
                    {o.number}
                  </MaybeLink>
                </Table.Td>
                <Table.Td>{o.supplierName ?? t('stockReport:orders.unknownSupplier')}</Table.Td>
                <Table.Td>{t(`stockReport:poStatus.${o.status}`)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {fmt.money(o.netCents, report.currency)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} fw={600}>
                  {fmt.money(o.openNetCents, report.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {orders.items.length < orders.count ? (
        <Text size="xs" c="dimmed">
          {t('stockReport:orders.more', { shown: orders.items.length, count: orders.count })}
        </Text>
      ) : null}
    </Stack>
  );
}

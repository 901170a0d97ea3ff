import {
  Anchor,
  Badge,
  Card,
  Center,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderRef, StockReport } from '../../../../../contracts/stock-report';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useStockReport } from '../api/stock-report-api';
import { LazyBarChart } from './charts/lazy-charts';
import { Stat } from './stat';

type Format = ReturnType<typeof useFormat>;

const qty = (fmt: Format, value: number) => fmt.number(value, { maximumFractionDigits: 3 });
const euros = (fmt: Format) => (value: number) => fmt.money(Math.round(value * 100), 'EUR');
const compactEuros = (fmt: Format) => (value: number) =>
  `${fmt.number(value, { notation: 'compact', maximumFractionDigits: 1 })} €`;

export interface StockReportLinks {
  products: boolean;
  purchaseOrders: boolean;
  companies: boolean;
}

function Section({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description?: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Title order={3}>{title}</Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      ) : null}
      {children}
    </Card>
  );
}

function MaybeLink({ to, show, children }: { to: string; show: boolean; children: ReactNode }) {
  return show ? (
    <Anchor component={Link} to={to} size="sm">
      {children}
    </Anchor>
  ) : (
    children
  );
}

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

function Figures({ report }: { report: StockReport }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
      <Stat
        label={t('stockReport:value.total')}
        value={fmt.money(report.value.totalCents, report.currency)}
        hint={
          report.value.unpricedCount
            ? t('stockReport:value.unpriced', { count: report.value.unpricedCount })
            : t('stockReport:value.inStock', { count: report.value.inStockCount })
        }
        testId="stock-value-total"
      />
      <Stat
        label={t('stockReport:value.tracked')}
        value={fmt.number(report.value.trackedProductCount)}
        hint={t('stockReport:value.inStock', { count: report.value.inStockCount })}
        testId="stock-tracked-count"
      />
      <Stat
        label={t('stockReport:below.count')}
        value={fmt.number(report.belowReorderPoint.count)}
        color={report.belowReorderPoint.count > 0 ? 'orange' : undefined}
        testId="stock-below-count"
      />
      <Stat
        label={t('stockReport:orders.openValue')}
        value={fmt.money(report.openOrders.openNetCents, report.currency)}
        hint={
          report.openOrders.overdueCount
            ? t('stockReport:orders.overdueHint', { count: report.openOrders.overdueCount })
            : t('stockReport:orders.countHint', { count: report.openOrders.count })
        }
        color={report.openOrders.overdueCount > 0 ? 'red' : undefined}
        testId="open-po-total"
      />
    </SimpleGrid>
  );
}

function BelowTable({ report, links }: { report: StockReport; links: StockReportLinks }) {
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

function OpenOrders({ report, links }: { report: StockReport; links: StockReportLinks }) {
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

function TopValue({ report, links }: { report: StockReport; links: StockReportLinks }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  if (report.value.top.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="stock-top-empty">
        {t('stockReport:value.none')}
      </Text>
    );
  }
  return (
    <Table verticalSpacing={6} highlightOnHover data-testid="stock-top-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('stockReport:columns.sku')}</Table.Th>
          <Table.Th>{t('stockReport:columns.product')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.onHand')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.unitCost')}</Table.Th>
          <Table.Th ta="right">{t('stockReport:columns.value')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.value.top.map((r) => (
          <Table.Tr key={r.productId} data-testid={`stock-top-row-${r.sku}`}>
            <Table.Td>
              <MaybeLink to={`/products/${r.productId}`} show={links.products}>
                {r.sku}
              </MaybeLink>
            </Table.Td>
            <Table.Td>{r.name}</Table.Td>
            <Table.Td ta="right">{qty(fmt, r.onHand)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {r.unitCostCents === null ? (
                <Text size="sm" c="orange.7" span>
                  {t('stockReport:value.noPrice')}
                </Text>
              ) : (
                fmt.money(r.unitCostCents, report.currency)
              )}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {fmt.money(r.valueCents, report.currency)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** `/reports/stock`: stock value, products below their reorder point, open purchase orders. */
export function StockReportView({ warehouseId, links }: { warehouseId: string; links: StockReportLinks }) {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const query = useStockReport(warehouseId);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const report = query.data;
  if (!report) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  return (
    <Stack gap="lg" data-testid="stock-report" data-loading={query.isFetching ? 'true' : 'false'}>
      <Text size="sm" c="dimmed" data-testid="stock-report-warehouse">
        {t('stockReport:warehouseAsOf', {
          warehouse: `${report.warehouse.code} · ${report.warehouse.name}`,
          date: fmt.date(report.asOf),
        })}
      </Text>
      <Figures report={report} />
      <Section
        title={t('stockReport:below.title')}
        description={t('stockReport:below.description')}
        testId="stock-below"
      >
        <BelowTable report={report} links={links} />
      </Section>
      <Section
        title={t('stockReport:orders.title')}
        description={t('stockReport:orders.description')}
        testId="open-po"
      >
        <OpenOrders report={report} links={links} />
      </Section>
      <Section
        title={t('stockReport:value.topTitle')}
        description={t('stockReport:value.description')}
        testId="stock-top"
      >
        <TopValue report={report} links={links} />
      </Section>
    </Stack>
  );
}

/** The dashboard card "Lager": products below their reorder point and the stock value (default warehouse). */
export function StockMini() {
  const { t } = useTranslation('stockReport');
  const fmt = useFormat();
  const query = useStockReport('', 1);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const report = query.data;
  if (!report) {
    return (
      <Center h={120}>
        <Loader size="sm" />
      </Center>
    );
  }
  return (
    <Stack gap="sm" data-testid="stock-mini">
      <Text size="sm" data-testid="stock-mini-summary">
        {t('stockReport:dashboard.summary', {
          count: report.belowReorderPoint.count,
          value: fmt.money(report.value.totalCents, report.currency),
        })}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Stat
          label={t('stockReport:below.count')}
          value={fmt.number(report.belowReorderPoint.count)}
          color={report.belowReorderPoint.count > 0 ? 'orange' : undefined}
          testId="stock-mini-below"
        />
        <Stat
          label={t('stockReport:value.total')}
          value={fmt.money(report.value.totalCents, report.currency)}
          testId="stock-mini-value"
        />
        <Stat
          label={t('stockReport:orders.openValue')}
          value={fmt.money(report.openOrders.openNetCents, report.currency)}
          hint={
            report.openOrders.overdueCount
              ? t('stockReport:orders.overdueHint', { count: report.openOrders.overdueCount })
              : null
          }
          color={report.openOrders.overdueCount > 0 ? 'red' : undefined}
          testId="stock-mini-orders"
        />
      </SimpleGrid>
    </Stack>
  );
}

import { Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useStockReport } from '../../api/stock-report-api';
import { BelowReorderTable } from './below-reorder-table';
import { OpenOrders } from './open-orders';
import { StockFigures } from './stock-figures';
import type { StockReportLinks } from './stock-links';
import { TopValueTable } from './top-value-table';

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
      <StockFigures report={report} />
      <Section
        title={t('stockReport:below.title')}
        description={t('stockReport:below.description')}
        testId="stock-below"
      >
        <BelowReorderTable report={report} links={links} />
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
        <TopValueTable report={report} links={links} />
      </Section>
    </Stack>
  );
}

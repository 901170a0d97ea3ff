import { Center, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useStockReport } from '../../api/stock-report-api';
import { Stat } from '../stat';

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

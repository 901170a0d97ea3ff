import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StockReport } from '../../../../../../contracts/stock-report';
import { useFormat } from '../../../../lib/use-format';
import { Stat } from '../stat';

/** The key figures on top: stock value, tracked products, products below reorder point, open orders. */
export function StockFigures({ report }: { report: StockReport }) {
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

import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketCoverageReport } from '../../../../../contracts/companies';
import { useFormat } from '../../../lib/use-format';

type Metric = 'coverage' | 'companies' | 'revenue';

/**
 * Per segment as bars: penetration and share of potential (%), prospects and customers, or open
 * pipeline and won revenue (€). Imported only by the lazily loaded report page (charts chunk).
 */
export function MarketCoverageChart({ report }: { report: MarketCoverageReport }) {
  const { t } = useTranslation('segments');
  const fmt = useFormat();
  const [metric, setMetric] = useState<Metric>('coverage');
  const data = report.items.map((row) => ({
    segment: row.segmentName,
    penetration: row.penetration === null ? 0 : Math.round(row.penetration * 1000) / 10,
    share: row.shareOfPotential === null ? 0 : Math.round(row.shareOfPotential * 1000) / 10,
    prospects: row.prospects,
    customers: row.customers,
    pipeline: row.openPipelineCents / 100,
    won: row.wonRevenueCents / 100,
  }));
  const series = {
    coverage: [
      { name: 'penetration', label: t('coverage.penetration'), color: 'indigo.6' },
      { name: 'share', label: t('coverage.shareOfPotential'), color: 'teal.6' },
    ],
    companies: [
      { name: 'prospects', label: t('coverage.prospects'), color: 'blue.5' },
      { name: 'customers', label: t('coverage.customers'), color: 'teal.6' },
    ],
    revenue: [
      { name: 'pipeline', label: t('coverage.openPipeline'), color: 'indigo.5' },
      { name: 'won', label: t('coverage.wonRevenue'), color: 'teal.6' },
    ],
  }[metric];
  const format = (value: number) =>
    metric === 'coverage'
      ? `${fmt.number(value, { maximumFractionDigits: 1 })} %`
      : metric === 'revenue'
        ? fmt.money(Math.round(value * 100), 'EUR')
        : fmt.number(value);

  return (
    <Paper withBorder radius="md" p="md" data-testid="market-coverage-chart">
      <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
        <Title order={4}>{t('coverage.chartTitle')}</Title>
        <SegmentedControl
          size="xs"
          value={metric}
          onChange={(v) => setMetric(v as Metric)}
          data={[
            { value: 'coverage', label: t('coverage.metrics.coverage') },
            { value: 'companies', label: t('coverage.metrics.companies') },
            { value: 'revenue', label: t('coverage.metrics.revenue') },
          ]}
          data-testid="market-coverage-metric"
        />
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('coverage.empty')}
        </Text>
      ) : (
        <BarChart
          h={320}
          data={data}
          dataKey="segment"
          series={series}
          withLegend
          valueFormatter={format}
          yAxisProps={{
            width: 80,
            tickFormatter: (value: number) =>
              metric === 'revenue'
                ? fmt.number(value, { style: 'currency', currency: 'EUR', notation: 'compact' })
                : format(value),
          }}
          tickLine="y"
        />
      )}
    </Paper>
  );
}

export default MarketCoverageChart;

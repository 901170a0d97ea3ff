import { Card, Center, Grid, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ForecastReport } from '../../../../../contracts/sales-reports';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { type ForecastFilters, useForecastReport } from '../api/reports-api';
import { LazyBarChart } from './charts/lazy-charts';
import { compactEuros, euros } from './charts/money-axis';
import { Stat } from './stat';

type Format = ReturnType<typeof useFormat>;

/** `overdue`, `later` or a month (`2026-12`) as a label. */
export function bucketLabel(key: string, t: TFunction, fmt: Format): string {
  if (key === 'overdue') return t('reports:forecast.overdue');
  if (key === 'later') return t('reports:forecast.later');
  return fmt.month(key);
}

/** Chart rows in euros (the chart's axis); the tooltip formats them back as money. */
export function forecastChartData(report: ForecastReport, t: TFunction, fmt: Format) {
  return report.buckets.map((b) => ({
    bucket: bucketLabel(b.key, t, fmt),
    amount: b.amountCents / 100,
    weighted: b.weightedCents / 100,
  }));
}

function ForecastBody({ report }: { report: ForecastReport }) {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const overdue = report.buckets.find((b) => b.key === 'overdue');
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat
          label={t('forecast.openDeals')}
          value={fmt.number(report.total.count)}
          testId="forecast-count"
        />
        <Stat
          label={t('forecast.amount')}
          value={fmt.money(report.total.amountCents, report.currency)}
          testId="forecast-amount"
        />
        <Stat
          label={t('forecast.weighted')}
          value={fmt.money(report.total.weightedCents, report.currency)}
          hint={t('forecast.weightedHint')}
          testId="forecast-weighted"
        />
        <Stat
          label={t('forecast.overdue')}
          value={fmt.number(overdue?.count ?? 0)}
          hint={fmt.money(overdue?.amountCents ?? 0, report.currency)}
          color={overdue?.count ? 'red' : undefined}
          testId="forecast-overdue"
        />
      </SimpleGrid>
      <LazyBarChart
        height={300}
        data={forecastChartData(report, t, fmt)}
        dataKey="bucket"
        series={[
          { name: 'amount', label: t('forecast.amount'), color: 'gray.4' },
          { name: 'weighted', label: t('forecast.weighted'), color: 'blue.6' },
        ]}
        valueFormatter={euros(fmt)}
        axisFormatter={compactEuros(fmt)}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text fw={600} mb="xs">
            {t('forecast.byMonth')}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={6} highlightOnHover data-testid="forecast-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('forecast.month')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.count')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.amount')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.weighted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.buckets.map((b) => (
                  <Table.Tr key={b.key} data-testid="forecast-bucket" data-key={b.key} data-count={b.count}>
                    <Table.Td
                      c={b.key === 'overdue' && b.count > 0 ? 'red' : undefined}
                      fw={b.key === 'overdue' ? 600 : undefined}
                    >
                      {bucketLabel(b.key, t, fmt)}
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(b.count)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(b.amountCents, report.currency)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(b.weightedCents, report.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Text fw={600} mb="xs">
            {t('forecast.byOwner')}
          </Text>
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={6} highlightOnHover data-testid="forecast-owners">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('forecast.owner')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.count')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.amount')}</Table.Th>
                  <Table.Th ta="right">{t('forecast.weighted')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.byOwner.map((o) => (
                  <Table.Tr key={o.ownerId}>
                    <Table.Td>{o.ownerName ?? '—'}</Table.Td>
                    <Table.Td ta="right">{fmt.number(o.total.count)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(o.total.amountCents, report.currency)}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(o.total.weightedCents, report.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** The open pipeline by expected close month, weighted and unweighted, with the overdue deals first. */
export function ForecastReportView({ filters }: { filters: ForecastFilters }) {
  const { t } = useTranslation('reports');
  const query = useForecastReport(filters);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="forecast-report"
      data-loading={query.isFetching ? 'true' : 'false'}
    >
      <Group justify="space-between" mb="md">
        <div>
          <Title order={3}>{t('forecast.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('forecast.description')}
          </Text>
        </div>
        {query.isFetching ? <Loader size="sm" /> : null}
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <ForecastBody report={query.data} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Card>
  );
}

/** The dashboard's small forecast: weighted amount for the next months (overdue and later left out). */
export function ForecastMiniChart({ ownerId }: { ownerId?: string }) {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const query = useForecastReport({ pipelineId: '', ownerId: ownerId ?? '', teamId: '' });
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) {
    return (
      <Center h={200}>
        <Loader size="sm" />
      </Center>
    );
  }
  const rows = forecastChartData(
    { ...query.data, buckets: query.data.buckets.filter((b) => b.key !== 'later').slice(0, 7) },
    t,
    fmt,
  );
  return (
    <Stack gap="xs" data-testid="forecast-mini">
      <Text size="sm" c="dimmed">
        {t('forecast.miniHint', { weighted: fmt.money(query.data.total.weightedCents, query.data.currency) })}
      </Text>
      <LazyBarChart
        height={200}
        data={rows}
        dataKey="bucket"
        series={[{ name: 'weighted', label: t('forecast.weighted'), color: 'blue.6' }]}
        valueFormatter={euros(fmt)}
        withLegend={false}
        compact
      />
    </Stack>
  );
}

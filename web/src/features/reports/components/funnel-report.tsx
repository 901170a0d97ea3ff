import { Card, Center, Grid, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FunnelReport } from '../../../../../contracts/sales-reports';
import { EmptyState } from '../../../components/empty-state';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { type FunnelFilters, useFunnelReport } from '../api/reports-api';
import { LazyFunnelChart } from './charts/lazy-charts';
import { Stat } from './stat';

const FUNNEL_COLORS = ['blue.9', 'blue.7', 'blue.6', 'blue.5', 'blue.4', 'blue.3', 'cyan.5', 'cyan.4'];

/** Percent from a 0–1 ratio, or a dash. */
function usePercent() {
  const fmt = useFormat();
  return (ratio: number | null | undefined) =>
    ratio === null || ratio === undefined
      ? '—'
      : fmt.number(ratio, { style: 'percent', maximumFractionDigits: 1 });
}

function FunnelBody({ report }: { report: FunnelReport }) {
  const { t } = useTranslation('reports');
  const fmt = useFormat();
  const percent = usePercent();
  const days = (value: number | null) =>
    value === null
      ? '—'
      : t('days', { count: value, value: fmt.number(value, { maximumFractionDigits: 1 }) });
  const open = report.stages.filter((s) => s.kind === 'open');
  const first = report.stages[0];
  const chart = [
    ...open.map((s, i) => ({
      name: s.name,
      value: s.entered,
      color: FUNNEL_COLORS[i % FUNNEL_COLORS.length]!,
    })),
    { name: t('funnel.won'), value: report.won, color: 'teal.6' },
  ];

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, xl: 6 }} spacing="sm">
        <Stat label={t('funnel.entered')} value={fmt.number(first?.entered ?? 0)} testId="funnel-entered" />
        <Stat
          label={t('funnel.won')}
          value={fmt.number(report.won)}
          hint={fmt.money(report.wonValueCents, report.currency)}
          testId="funnel-won"
          color="teal"
        />
        <Stat label={t('funnel.lost')} value={fmt.number(report.lost)} testId="funnel-lost" color="red" />
        <Stat
          label={t('funnel.winRate')}
          value={percent(report.winRate)}
          hint={t('funnel.winRateHint')}
          testId="funnel-win-rate"
        />
        <Stat
          label={t('funnel.wonValue')}
          value={fmt.money(report.wonValueCents, report.currency)}
          testId="funnel-won-value"
        />
        <Stat
          label={t('funnel.salesCycle')}
          value={days(report.avgSalesCycleDays)}
          hint={t('funnel.salesCycleHint')}
          testId="funnel-sales-cycle"
        />
      </SimpleGrid>
      <Grid gap="lg" align="center">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Center>
            {chart.some((c) => c.value > 0) ? (
              <LazyFunnelChart data={chart} valueFormatter={(v) => fmt.number(v)} />
            ) : (
              <EmptyState title={t('funnel.empty')} />
            )}
          </Center>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="funnel-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('funnel.stage')}</Table.Th>
                  <Table.Th ta="right">{t('funnel.entered')}</Table.Th>
                  <Table.Th ta="right">{t('funnel.enteredValue')}</Table.Th>
                  <Table.Th ta="right">{t('funnel.conversion')}</Table.Th>
                  <Table.Th ta="right">{t('funnel.avgDays')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.stages.map((s) => (
                  <Table.Tr
                    key={s.stageId}
                    data-testid="funnel-stage"
                    data-stage-name={s.name}
                    data-entered={s.entered}
                  >
                    <Table.Td>
                      <Text
                        size="sm"
                        fw={500}
                        c={s.kind === 'won' ? 'teal' : s.kind === 'lost' ? 'red' : undefined}
                      >
                        {s.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {fmt.number(s.probability)} %
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{fmt.number(s.entered)}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(s.enteredValueCents, report.currency)}
                    </Table.Td>
                    <Table.Td ta="right">
                      {s.conversionRate === null ? '—' : percent(s.conversionRate)}
                      {s.advanced !== null ? (
                        <Text size="xs" c="dimmed">
                          {t('funnel.advanced', { count: s.advanced })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{days(s.avgDaysInStage)}</Table.Td>
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

/** The sales funnel of a pipeline: entries per stage, conversion, days in stage, win rate and cycle. */
export function FunnelReportView({ filters }: { filters: FunnelFilters }) {
  const { t } = useTranslation('reports');
  const query = useFunnelReport(filters);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      data-testid="funnel-report"
      data-loading={query.isFetching ? 'true' : 'false'}
    >
      <Group justify="space-between" mb="md">
        <div>
          <Title order={3}>{t('funnel.title')}</Title>
          <Text size="sm" c="dimmed">
            {query.data
              ? t(`funnel.basisHint.${query.data.basis}`, { pipeline: query.data.pipelineName })
              : t('funnel.description')}
          </Text>
        </div>
        {query.isFetching ? <Loader size="sm" /> : null}
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <FunnelBody report={query.data} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Card>
  );
}

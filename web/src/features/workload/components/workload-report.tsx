import {
  Card,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MONEY_GOAL_METRICS, type WorkloadReport } from '../../../../../contracts/goals';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useWorkloadReport, type WorkloadFilters } from '../api/workload-api';
import { LazyTrendChart } from './charts/lazy-trend-chart';
import { PipelinePurchasesPanel } from './pipeline-purchases-panel';
import { WorkloadTable } from './workload-tables';

type Format = ReturnType<typeof useFormat>;

function Figure({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  const fmt = useFormat();
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fz={24} fw={700} c={value > 0 ? color : undefined} data-testid={`${testId}-value`}>
        {fmt.number(value)}
      </Text>
    </Paper>
  );
}

function Section({
  title,
  hint,
  children,
  testId,
}: {
  title: string;
  hint?: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Title order={4}>{title}</Title>
      {hint ? (
        <Text size="sm" c="dimmed" mb="sm">
          {hint}
        </Text>
      ) : null}
      {children}
    </Card>
  );
}

function Trend({ report }: { report: WorkloadReport }) {
  const { t } = useTranslation('workload');
  const fmt = useFormat();
  const hasData = report.trend.some((w) => w.open !== null);
  if (!hasData) {
    return (
      <Text size="sm" c="dimmed" data-testid="workload-trend-empty">
        {t('trend.none')}
      </Text>
    );
  }
  return (
    <LazyTrendChart
      height={240}
      data={report.trend.map((w) => ({ week: fmt.date(w.weekEnd), open: w.open, overdue: w.overdue }))}
      series={[
        { name: 'open', label: t('columns.open'), color: 'blue.6' },
        { name: 'overdue', label: t('columns.overdue'), color: 'red.6' },
      ]}
    />
  );
}

function Forecast({ report }: { report: WorkloadReport }) {
  const { t } = useTranslation('workload');
  const fmt = useFormat();
  const label = (month: string) => (month === 'overdue' ? t('forecast.overdue') : fmt.month(month));
  return (
    <Table verticalSpacing={6} data-testid="workload-forecast">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('forecast.month')}</Table.Th>
          <Table.Th ta="right">{t('forecast.deals')}</Table.Th>
          <Table.Th ta="right">{t('forecast.amount')}</Table.Th>
          <Table.Th ta="right">{t('forecast.weighted')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.forecast.map((f) => (
          <Table.Tr key={f.month} data-testid="workload-forecast-month" data-month={f.month}>
            <Table.Td c={f.month === 'overdue' && f.deals > 0 ? 'red' : undefined}>{label(f.month)}</Table.Td>
            <Table.Td ta="right">{fmt.number(f.deals)}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {fmt.money(f.openCents, 'EUR')}
            </Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {fmt.money(f.weightedCents, 'EUR')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const goalValue = (fmt: Format, metric: WorkloadReport['goalGaps'][number]['metric'], value: number) =>
  MONEY_GOAL_METRICS.includes(metric) ? fmt.money(value, 'EUR') : fmt.number(value);

function GoalGaps({ report }: { report: WorkloadReport }) {
  const { t } = useTranslation('workload');
  const fmt = useFormat();
  if (report.goalGaps.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="workload-goal-gaps-empty">
        {t('goalGaps.none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="workload-goal-gaps">
      {report.goalGaps.map((g) => (
        <div key={g.goalId} data-testid="workload-goal-gap">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={500} truncate>
              {g.name} · {g.ownerName}
            </Text>
            <Text size="sm" c="red" style={{ whiteSpace: 'nowrap' }}>
              {t('goalGaps.gap', { value: goalValue(fmt, g.metric, g.gap) })}
            </Text>
          </Group>
          <Progress.Root size="lg" mt={4}>
            <Progress.Section value={Math.min(100, (g.actual / g.target) * 100)} color="blue" />
            <Progress.Section
              value={Math.max(0, Math.min(100, ((g.expectedByToday - g.actual) / g.target) * 100))}
              color="red.2"
            />
          </Progress.Root>
          <Text size="xs" c="dimmed">
            {t('goalGaps.detail', {
              actual: goalValue(fmt, g.metric, g.actual),
              expected: goalValue(fmt, g.metric, g.expectedByToday),
              target: goalValue(fmt, g.metric, g.target),
              metric: t(`metrics.${g.metric}`),
            })}
          </Text>
        </div>
      ))}
    </Stack>
  );
}

/** The workload and planning view: figures, per team and person, trend, forecast, goal gaps. */
export function WorkloadReportView({ filters }: { filters: WorkloadFilters }) {
  const { t } = useTranslation('workload');
  const query = useWorkloadReport(filters);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const report = query.data;
  if (!report) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const unclaimed = report.teams.reduce((sum, x) => sum + x.unclaimed, 0);
  return (
    <Stack gap="lg" data-testid="workload-report" data-loading={query.isFetching ? 'true' : 'false'}>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Figure label={t('columns.open')} value={report.total.open} testId="workload-total-open" />
        <Figure
          label={t('columns.overdue')}
          value={report.total.overdue}
          color="red"
          testId="workload-total-overdue"
        />
        <Figure
          label={t('columns.dueToday')}
          value={report.total.dueToday}
          color="blue"
          testId="workload-total-today"
        />
        <Figure
          label={t('columns.unclaimed')}
          value={unclaimed}
          color="orange"
          testId="workload-total-unclaimed"
        />
      </SimpleGrid>
      <Section title={t('teams.title')} hint={t('teams.hint')} testId="workload-teams">
        <WorkloadTable rows={report.teams} types={report.types} kind="team" />
      </Section>
      <Section title={t('people.title')} hint={t('people.hint')} testId="workload-people">
        <WorkloadTable rows={report.people} types={report.types} kind="person" />
      </Section>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section
            title={t('trend.title')}
            hint={t('trend.hint', { count: filters.weeks })}
            testId="workload-trend"
          >
            <Trend report={report} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title={t('forecast.title')} hint={t('forecast.hint')} testId="workload-forecast-card">
            <Forecast report={report} />
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <Section title={t('goalGaps.title')} hint={t('goalGaps.hint')} testId="workload-goal-gaps-card">
            <GoalGaps report={report} />
          </Section>
        </Grid.Col>
        <Grid.Col span={12}>
          <PipelinePurchasesPanel />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  AGING_BUCKETS,
  type AgingBucketKey,
  type AgingReport,
} from '../../../../../../contracts/receivables';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useAgingReport } from '../../api/receivables-api';
import { LazyBarChart } from '../charts/lazy-charts';
import { compactEuros, euros } from '../charts/money-axis';
import { Stat } from '../stat';
import { AgingTable } from './aging-table';
import { CardFrame, Pending } from './card-frame';

const BUCKET_COLORS: Record<AgingBucketKey, string> = {
  notDue: 'teal.6',
  days1to30: 'yellow.6',
  days31to60: 'orange.6',
  days61to90: 'red.6',
  over90: 'red.9',
};

function AgingBody({ report, canOpenInvoices }: { report: AgingReport; canOpenInvoices: boolean }) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const total = report.total;
  // one row per bucket carrying only its own series: stacked, each bar in its bucket's colour
  const chart = AGING_BUCKETS.map((key) => ({ bucket: t(`buckets.${key}`), [key]: total[key].cents / 100 }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <Stat
          label={t('aging.totalOpen')}
          value={fmt.money(total.total.cents, report.currency)}
          hint={t('aging.invoices', { count: total.total.count })}
          testId="aging-total"
        />
        <Stat
          label={t('aging.overdue')}
          value={fmt.money(total.overdue.cents, report.currency)}
          hint={t('aging.invoices', { count: total.overdue.count })}
          color={total.overdue.cents > 0 ? 'red' : undefined}
          testId="aging-overdue"
        />
        <Stat
          label={t('aging.over90')}
          value={fmt.money(total.over90.cents, report.currency)}
          hint={t('aging.invoices', { count: total.over90.count })}
          color={total.over90.cents > 0 ? 'red' : undefined}
          testId="aging-over90"
        />
        <Stat
          label={t('aging.customers')}
          value={fmt.number(report.customerCount)}
          testId="aging-customers"
        />
      </SimpleGrid>
      <LazyBarChart
        height={260}
        data={chart}
        dataKey="bucket"
        series={AGING_BUCKETS.map((key) => ({
          name: key,
          label: t(`buckets.${key}`),
          color: BUCKET_COLORS[key],
        }))}
        type="stacked"
        valueFormatter={euros(fmt)}
        axisFormatter={compactEuros(fmt)}
        withLegend={false}
      />
      <AgingTable report={report} canOpenInvoices={canOpenInvoices} />
    </Stack>
  );
}

/** AR aging: key figures, a bar per bucket and the table per customer (links to company and invoices). */
export function AgingReportView({ asOf, canOpenInvoices }: { asOf: string; canOpenInvoices: boolean }) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const query = useAgingReport(asOf);
  return (
    <CardFrame
      title={t('aging.title')}
      description={
        query.data ? t('aging.description', { date: fmt.date(query.data.asOf) }) : t('aging.descriptionToday')
      }
      testId="aging-report"
      fetching={query.isFetching}
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <AgingBody report={query.data} canOpenInvoices={canOpenInvoices} />
      ) : (
        <Pending />
      )}
    </CardFrame>
  );
}

import { SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DsoReport } from '../../../../../../contracts/receivables';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useDsoReport } from '../../api/receivables-api';
import { LazyLineChart } from '../charts/lazy-charts';
import { Stat } from '../stat';
import { CardFrame, Pending } from './card-frame';

type Format = ReturnType<typeof useFormat>;

/** A DSO as shown here and on the dashboard: one decimal; `—` when nothing was invoiced in the window. */
export const dsoDays = (fmt: Format, dso: number | null) =>
  dso === null ? '—' : fmt.number(dso, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

function DsoBody({ report }: { report: DsoReport }) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const data = report.months.map((m) => ({ month: fmt.month(m.month), dso: m.dso }));
  const previous = report.months.at(-2);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Stat
          label={t('dso.current')}
          value={t('dso.days', { value: dsoDays(fmt, report.current.dso) })}
          hint={
            previous
              ? t('dso.previous', { value: dsoDays(fmt, previous.dso), month: fmt.month(previous.month) })
              : null
          }
          testId="dso-current"
        />
        <Stat
          label={t('dso.open')}
          value={fmt.money(report.current.openCents, report.currency)}
          testId="dso-open"
        />
        <Stat
          label={t('dso.sales', { days: report.windowDays })}
          value={fmt.money(report.current.salesCents, report.currency)}
          testId="dso-sales"
        />
      </SimpleGrid>
      <LazyLineChart
        height={180}
        data={data}
        dataKey="month"
        series={[{ name: 'dso', label: t('dso.short'), color: 'indigo.6' }]}
        valueFormatter={(v) => t('dso.days', { value: dsoDays(fmt, v) })}
      />
      <Text size="xs" c="dimmed">
        {t('dso.formula', { days: report.windowDays })}
      </Text>
    </Stack>
  );
}

/** DSO now and its trend over the month ends. */
export function DsoReportView({ months = 12 }: { months?: number }) {
  const { t } = useTranslation('receivables');
  const query = useDsoReport(months);
  return (
    <CardFrame
      title={t('dso.title')}
      description={t('dso.description')}
      testId="dso-report"
      fetching={query.isFetching}
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <DsoBody report={query.data} />
      ) : (
        <Pending />
      )}
    </CardFrame>
  );
}

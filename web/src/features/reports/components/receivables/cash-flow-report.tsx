import { SimpleGrid, Stack, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CashFlowReport } from '../../../../../../contracts/receivables';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useCashFlowReport } from '../../api/receivables-api';
import { LazyBarChart } from '../charts/lazy-charts';
import { compactEuros, euros } from '../charts/money-axis';
import { Stat } from '../stat';
import { CardFrame, Pending } from './card-frame';

function CashFlowBody({ report }: { report: CashFlowReport }) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const data = report.months.map((m) => ({
    month: fmt.month(m.month),
    invoiced: m.netInvoicedCents / 100,
    collected: m.collectedCents / 100,
  }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Stat
          label={t('cashFlow.invoiced')}
          value={fmt.money(report.total.netInvoicedCents, report.currency)}
          hint={
            report.total.creditedCents
              ? t('cashFlow.creditedHint', { amount: fmt.money(report.total.creditedCents, report.currency) })
              : null
          }
          testId="cash-flow-invoiced"
        />
        <Stat
          label={t('cashFlow.collected')}
          value={fmt.money(report.total.collectedCents, report.currency)}
          testId="cash-flow-collected"
        />
        <Stat
          label={t('cashFlow.openAtEnd')}
          value={fmt.money(report.months.at(-1)?.openCents ?? 0, report.currency)}
          hint={fmt.month(report.to)}
          testId="cash-flow-open"
        />
      </SimpleGrid>
      <LazyBarChart
        height={280}
        data={data}
        dataKey="month"
        series={[
          { name: 'invoiced', label: t('cashFlow.invoiced'), color: 'blue.6' },
          { name: 'collected', label: t('cashFlow.collected'), color: 'teal.6' },
        ]}
        valueFormatter={euros(fmt)}
        axisFormatter={compactEuros(fmt)}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={6} highlightOnHover data-testid="cash-flow-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cashFlow.month')}</Table.Th>
              <Table.Th ta="right">{t('cashFlow.invoicedGross')}</Table.Th>
              <Table.Th ta="right">{t('cashFlow.credited')}</Table.Th>
              <Table.Th ta="right">{t('cashFlow.invoiced')}</Table.Th>
              <Table.Th ta="right">{t('cashFlow.collected')}</Table.Th>
              <Table.Th ta="right">{t('cashFlow.openAtEnd')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.months.map((m) => (
              <Table.Tr key={m.month} data-testid="cash-flow-month" data-month={m.month}>
                <Table.Td>{fmt.month(m.month)}</Table.Td>
                {[m.invoicedCents, m.creditedCents, m.netInvoicedCents, m.collectedCents, m.openCents].map(
                  (cents, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
                    <Table.Td key={i} ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {fmt.money(cents, report.currency)}
                    </Table.Td>
                  ),
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** Invoiced (net of credit notes) vs collected per month, with the receivables open at each month end. */
export function CashFlowReportView({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('receivables');
  const query = useCashFlowReport(from, to);
  return (
    <CardFrame
      title={t('cashFlow.title')}
      description={t('cashFlow.description')}
      testId="cash-flow-report"
      fetching={query.isFetching}
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <CashFlowBody report={query.data} />
      ) : (
        <Pending />
      )}
    </CardFrame>
  );
}

import { Anchor, Card, Center, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  AGING_BUCKETS,
  type AgingBucketKey,
  type AgingBuckets,
  type AgingReport,
  type CashFlowReport,
  type DsoReport,
} from '../../../../../contracts/receivables';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useAgingReport, useCashFlowReport, useDsoReport } from '../api/receivables-api';
import { LazyBarChart, LazyLineChart } from './charts/lazy-charts';
import { Stat } from './stat';

type Format = ReturnType<typeof useFormat>;

const BUCKET_COLORS: Record<AgingBucketKey, string> = {
  notDue: 'teal.6',
  days1to30: 'yellow.6',
  days31to60: 'orange.6',
  days61to90: 'red.6',
  over90: 'red.9',
};

const euros = (fmt: Format) => (value: number) => fmt.money(Math.round(value * 100), 'EUR');
const compactEuros = (fmt: Format) => (value: number) =>
  `${fmt.number(value, { notation: 'compact', maximumFractionDigits: 1 })} €`;
const days = (fmt: Format, dso: number | null) =>
  dso === null ? '—' : fmt.number(dso, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** The business date `n` days after `date` (negative: before). */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The invoice list filtered to the open invoices of a bucket (by due date) and/or a company. */
export function openInvoicesLink(
  asOf: string,
  bucket: AgingBucketKey | 'overdue' | null,
  companyId?: string,
) {
  const p = new URLSearchParams({ open: 'true' });
  if (companyId) p.set('companyId', companyId);
  const range: Record<AgingBucketKey | 'overdue', [number | null, number | null]> = {
    notDue: [0, null],
    days1to30: [-30, -1],
    days31to60: [-60, -31],
    days61to90: [-90, -61],
    over90: [null, -91],
    overdue: [null, -1],
  };
  if (bucket) {
    const [from, to] = range[bucket];
    if (from !== null) p.set('dueFrom', addDays(asOf, from));
    if (to !== null) p.set('dueTo', addDays(asOf, to));
  }
  return `/invoices?${p.toString()}`;
}

function CardFrame({
  title,
  description,
  testId,
  fetching,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  fetching: boolean;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId} data-loading={fetching ? 'true' : 'false'}>
      <Group justify="space-between" mb="md" wrap="nowrap" align="flex-start">
        <div>
          <Title order={3}>{title}</Title>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </div>
        {fetching ? <Loader size="sm" /> : null}
      </Group>
      {children}
    </Card>
  );
}

function Pending() {
  return (
    <Center py="xl">
      <Loader />
    </Center>
  );
}

/** The five buckets' money cells of one row (amount, with the number of invoices as a tooltip). */
function BucketCells({
  row,
  asOf,
  companyId,
  linked,
}: {
  row: AgingBuckets;
  asOf: string;
  companyId?: string;
  linked: boolean;
}) {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  return (
    <>
      {AGING_BUCKETS.map((key) => {
        const b = row[key];
        const text = b.cents ? fmt.money(b.cents, 'EUR') : '—';
        return (
          <Table.Td
            key={key}
            ta="right"
            style={{ whiteSpace: 'nowrap' }}
            c={(key === 'days61to90' || key === 'over90') && b.cents > 0 ? 'red.7' : undefined}
            title={t('aging.invoices', { count: b.count })}
            data-bucket={key}
            data-cents={b.cents}
          >
            {linked && b.count > 0 ? (
              <Anchor component={Link} to={openInvoicesLink(asOf, key, companyId)} inherit>
                {text}
              </Anchor>
            ) : (
              text
            )}
          </Table.Td>
        );
      })}
    </>
  );
}

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
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={6} highlightOnHover data-testid="aging-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('aging.customer')}</Table.Th>
              {AGING_BUCKETS.map((key) => (
                <Table.Th key={key} ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {t(`buckets.${key}`)}
                </Table.Th>
              ))}
              <Table.Th ta="right">{t('aging.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.customers.map((c) => (
              <Table.Tr key={c.companyId} data-testid="aging-customer" data-company-id={c.companyId}>
                <Table.Td>
                  <Anchor component={Link} to={`/companies/${c.companyId}`} size="sm">
                    {c.companyName ?? t('aging.unknownCompany')}
                  </Anchor>
                </Table.Td>
                <BucketCells row={c} asOf={report.asOf} companyId={c.companyId} linked={canOpenInvoices} />
                <Table.Td
                  ta="right"
                  fw={600}
                  style={{ whiteSpace: 'nowrap' }}
                  data-testid="aging-customer-total"
                >
                  {canOpenInvoices ? (
                    <Anchor component={Link} to={openInvoicesLink(report.asOf, null, c.companyId)} inherit>
                      {fmt.money(c.total.cents, report.currency)}
                    </Anchor>
                  ) : (
                    fmt.money(c.total.cents, report.currency)
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {report.others ? (
              <Table.Tr data-testid="aging-others">
                <Table.Td c="dimmed">{t('aging.others', { count: report.others.customerCount })}</Table.Td>
                <BucketCells row={report.others} asOf={report.asOf} linked={false} />
                <Table.Td ta="right" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {fmt.money(report.others.total.cents, report.currency)}
                </Table.Td>
              </Table.Tr>
            ) : null}
            {report.customers.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={7} c="dimmed" ta="center" data-testid="aging-empty">
                  {t('aging.empty')}
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr data-testid="aging-total-row" fw={700}>
              <Table.Td>{t('aging.total')}</Table.Td>
              <BucketCells row={total} asOf={report.asOf} linked={canOpenInvoices} />
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }} data-testid="aging-total-cents">
                {fmt.money(total.total.cents, report.currency)}
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
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
          value={t('dso.days', { value: days(fmt, report.current.dso) })}
          hint={
            previous
              ? t('dso.previous', { value: days(fmt, previous.dso), month: fmt.month(previous.month) })
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
        valueFormatter={(v) => t('dso.days', { value: days(fmt, v) })}
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

/** The dashboard card "Offene Forderungen": open total, overdue, DSO. */
export function ReceivablesMini() {
  const { t } = useTranslation('receivables');
  const fmt = useFormat();
  const aging = useAgingReport('', 1);
  const dso = useDsoReport(2);
  if (aging.isError) return <QueryError error={aging.error} onRetry={() => void aging.refetch()} />;
  if (!aging.data) {
    return (
      <Center h={120}>
        <Loader size="sm" />
      </Center>
    );
  }
  const total = aging.data.total;
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" data-testid="receivables-mini">
      <Stat
        label={t('aging.totalOpen')}
        value={fmt.money(total.total.cents, aging.data.currency)}
        hint={t('aging.invoices', { count: total.total.count })}
        testId="receivables-mini-open"
      />
      <Stat
        label={t('aging.overdue')}
        value={fmt.money(total.overdue.cents, aging.data.currency)}
        hint={t('aging.invoices', { count: total.overdue.count })}
        color={total.overdue.cents > 0 ? 'red' : undefined}
        testId="receivables-mini-overdue"
      />
      <Stat
        label={t('dso.short')}
        value={dso.data ? t('dso.days', { value: days(fmt, dso.data.current.dso) }) : '…'}
        testId="receivables-mini-dso"
      />
    </SimpleGrid>
  );
}

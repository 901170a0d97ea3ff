import { Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LazyDateInput } from '../../components/dates/lazy-date-input';
import { PageHeader } from '../../components/page-header';
import { AgingReportView, CashFlowReportView, DsoReportView } from '../../features/reports';
import { useCan } from '../../lib/auth';
import { todayBusinessDate } from '../../lib/format';
import { RequirePermission } from '../require-permission';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_CHOICES = ['6', '12', '24'] as const;

/** `YYYY-MM` of the month `n` months after the month of `date`. */
function monthOf(date: string, n: number): string {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * `/reports/receivables` (Forderungen): AR aging as of a day (`?asOf=`, default today; only today or
 * later — the open amounts are today's), DSO with its trend, invoiced vs collected for the last
 * `?months=` months (6, 12, 24).
 */
export function ReceivablesPage() {
  const { t } = useTranslation('receivables');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const today = todayBusinessDate();
  const rawAsOf = params.get('asOf') ?? '';
  const asOf = DATE.test(rawAsOf) && rawAsOf >= today ? rawAsOf : '';
  const rawMonths = params.get('months') ?? '12';
  const months = (MONTH_CHOICES as readonly string[]).includes(rawMonths) ? Number(rawMonths) : 12;

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <RequirePermission permission="reports.receivables">
      <PageHeader title={t('title')} description={t('description')} />
      <Paper withBorder radius="md" p="md" mb="lg">
        <Group gap="lg" align="flex-end" wrap="wrap">
          <LazyDateInput
            label={t('filters.asOf')}
            description={t('filters.asOfHint')}
            placeholder={t('filters.today')}
            value={asOf || null}
            minDate={today}
            onChange={(v) => update('asOf', v && v !== today ? v : null)}
            clearable
            w={220}
            data-testid="receivables-as-of"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('filters.months')}
            </Text>
            <SegmentedControl
              value={String(months)}
              onChange={(v) => update('months', v === '12' ? null : v)}
              data={MONTH_CHOICES.map((m) => ({
                value: m,
                label: t('filters.monthsValue', { count: Number(m) }),
              }))}
              data-testid="receivables-months"
            />
          </Stack>
        </Group>
      </Paper>
      <Stack gap="lg" data-testid="receivables-page">
        <AgingReportView asOf={asOf} canOpenInvoices={can('invoices.read')} />
        <DsoReportView months={months} />
        <CashFlowReportView from={monthOf(today, -(months - 1))} to={monthOf(today, 0)} />
      </Stack>
    </RequirePermission>
  );
}

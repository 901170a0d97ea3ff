import { Center, Group, Loader, Paper, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LazyDateInput } from '../../components/dates/lazy-date-input';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { LazyMarketCoverageChart, MarketCoverageTable, useMarketCoverage } from '../../features/market';
import { todayBusinessDate } from '../../lib/format';
import { RequirePermission } from '../require-permission';

type Period = 'all' | '12m' | 'ytd' | 'custom';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `from`/`to` of a preset period (company time zone). */
function periodRange(period: Period): { from: string; to: string } {
  const today = todayBusinessDate();
  if (period === 'ytd') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  if (period === '12m') {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCFullYear(d.getUTCFullYear() - 1);
    d.setUTCDate(d.getUTCDate() + 1);
    return { from: d.toISOString().slice(0, 10), to: today };
  }
  return { from: '', to: '' };
}

/**
 * `/reports/market-coverage`: per segment how much of the market is known, prospected and won,
 * with the open pipeline and won revenue against the market's potential. `?period=` (all, 12m, ytd)
 * or `?from=&to=` limit the won revenue to deals won in that period.
 */
export function MarketCoveragePage() {
  const { t } = useTranslation('segments');
  const [params, setParams] = useSearchParams();
  const from = DATE.test(params.get('from') ?? '') ? (params.get('from') as string) : '';
  const to = DATE.test(params.get('to') ?? '') ? (params.get('to') as string) : '';
  const periodParam = params.get('period') as Period | null;
  const period: Period =
    periodParam && ['all', '12m', 'ytd', 'custom'].includes(periodParam)
      ? periodParam
      : from || to
        ? 'custom'
        : 'all';
  const range = period === 'custom' ? { from, to } : periodRange(period);
  const query = useMarketCoverage(range);

  const setPeriod = (next: Period) => {
    if (next === 'custom')
      setParams(
        {
          period: 'custom',
          ...(range.from ? { from: range.from } : {}),
          ...(range.to ? { to: range.to } : {}),
        },
        { replace: true },
      );
    else setParams(next === 'all' ? {} : { period: next }, { replace: true });
  };
  const setDate = (key: 'from' | 'to', value: string | null) => {
    const next = new URLSearchParams(params);
    next.set('period', 'custom');
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <RequirePermission permission="reports.marketCoverage">
      <PageHeader title={t('coverage.title')} description={t('coverage.description')} />
      <Stack gap="md" data-testid="market-coverage">
        <Paper withBorder radius="md" p="md">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select
              label={t('coverage.period')}
              description={t('coverage.periodHint')}
              data={[
                { value: 'all', label: t('coverage.periods.all') },
                { value: '12m', label: t('coverage.periods.12m') },
                { value: 'ytd', label: t('coverage.periods.ytd') },
                { value: 'custom', label: t('coverage.periods.custom') },
              ]}
              value={period}
              onChange={(v) => setPeriod((v ?? 'all') as Period)}
              allowDeselect={false}
              w={300}
              data-testid="market-coverage-period"
            />
            {period === 'custom' ? (
              <>
                <LazyDateInput
                  label={t('coverage.from')}
                  value={from || null}
                  onChange={(v) => setDate('from', v)}
                  clearable
                  w={160}
                  data-testid="market-coverage-from"
                />
                <LazyDateInput
                  label={t('coverage.to')}
                  value={to || null}
                  onChange={(v) => setDate('to', v)}
                  clearable
                  w={160}
                  data-testid="market-coverage-to"
                />
              </>
            ) : null}
            {query.isFetching ? <Loader size="sm" mb={8} /> : null}
          </Group>
        </Paper>
        {query.data ? (
          <>
            <LazyMarketCoverageChart report={query.data} />
            <Paper withBorder radius="md" p="md">
              <MarketCoverageTable report={query.data} />
            </Paper>
          </>
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Center py="xl">
            <Loader />
          </Center>
        )}
      </Stack>
    </RequirePermission>
  );
}

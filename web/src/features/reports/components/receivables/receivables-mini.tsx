import { Center, Loader, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/query-error';
import { useFormat } from '../../../../lib/use-format';
import { useAgingReport, useDsoReport } from '../../api/receivables-api';
import { Stat } from '../stat';
import { dsoDays } from './dso-report';

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
        value={dso.data ? t('dso.days', { value: dsoDays(fmt, dso.data.current.dso) }) : '…'}
        testId="receivables-mini-dso"
      />
    </SimpleGrid>
  );
}

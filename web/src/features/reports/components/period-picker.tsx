import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { todayBusinessDate } from '../../../lib/format';

export const PERIODS = [
  'thisMonth',
  'lastMonth',
  'thisQuarter',
  'thisYear',
  'last12Months',
  'all',
  'custom',
] as const;
export type Period = (typeof PERIODS)[number];

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
};

/** First and last day of a preset period, relative to today (company time zone). */
export function periodRange(period: Period, today = todayBusinessDate()): { from: string; to: string } {
  const [y = 1970, m = 1] = today.split('-').map(Number);
  switch (period) {
    case 'thisMonth':
      return { from: iso(y, m, 1), to: iso(y, m + 1, 0) };
    case 'lastMonth':
      return { from: iso(y, m - 1, 1), to: iso(y, m, 0) };
    case 'thisQuarter': {
      const q = Math.floor((m - 1) / 3) * 3 + 1;
      return { from: iso(y, q, 1), to: iso(y, q + 3, 0) };
    }
    case 'thisYear':
      return { from: iso(y, 1, 1), to: iso(y, 12, 31) };
    case 'last12Months': {
      const [, , d = 1] = today.split('-').map(Number);
      return { from: iso(y - 1, m, d + 1), to: today };
    }
    default:
      return { from: '', to: '' };
  }
}

/** A period: a preset (this month, this year, …), all time, or from/to dates of one's own. */
export function PeriodPicker({
  period,
  from,
  to,
  onChange,
}: {
  period: Period;
  from: string;
  to: string;
  onChange: (next: { period: Period; from: string; to: string }) => void;
}) {
  const { t } = useTranslation('reports');
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('filters.period')}
        data={PERIODS.map((p) => ({ value: p, label: t(`periods.${p}`) }))}
        value={period}
        onChange={(value) => {
          const next = (value ?? 'all') as Period;
          onChange(next === 'custom' ? { period: next, from, to } : { period: next, ...periodRange(next) });
        }}
        allowDeselect={false}
        w={190}
        data-testid="report-period"
      />
      {period === 'custom' ? (
        <>
          <LazyDateInput
            label={t('filters.from')}
            value={from || null}
            onChange={(value) => onChange({ period, from: value ?? '', to })}
            clearable
            w={150}
            data-testid="report-from"
          />
          <LazyDateInput
            label={t('filters.to')}
            value={to || null}
            onChange={(value) => onChange({ period, from, to: value ?? '' })}
            clearable
            w={150}
            data-testid="report-to"
          />
        </>
      ) : null}
    </Group>
  );
}

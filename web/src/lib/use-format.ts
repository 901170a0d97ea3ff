import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatRelative } from './format';

/** The formatters bound to the current UI language; re-renders when the language changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => ({
      locale,
      money: (minorUnits: number, currency: string) => formatMoney(minorUnits, currency, locale),
      number: (value: number, options?: Intl.NumberFormatOptions) => formatNumber(value, locale, options),
      date: (value: string | Date) => formatDate(value, locale),
      dateTime: (value: string | Date) => formatDateTime(value, locale),
      relative: (value: string | Date) => formatRelative(value, locale),
      month: (value: string) => formatMonth(value, locale),
    }),
    [locale],
  );
}

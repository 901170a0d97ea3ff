import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/use-format';

/** Quantities (≤ 3 decimals) and unit names in the user's language. */
export function useQuantity() {
  const fmt = useFormat();
  const { t } = useTranslation('catalog');
  return useMemo(() => {
    const qty = (n: number) => fmt.number(n, { maximumFractionDigits: 3 });
    const unit = (code: string) => t(`units.${code}`, { defaultValue: code });
    return { qty, unit, qtyUnit: (n: number, code: string) => `${qty(n)} ${unit(code)}` };
  }, [fmt, t]);
}

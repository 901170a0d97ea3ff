import type { useFormat } from '../../../../lib/use-format';

type Format = ReturnType<typeof useFormat>;

// The money charts plot euros (cents / 100), not cents; these turn the plotted value back into money.

/** The tooltip's value: the full amount (`1.234,50 €`). */
export const euros = (fmt: Format) => (value: number) => fmt.money(Math.round(value * 100), 'EUR');

/** The value axis' ticks: short (`1,2 Mio. €`), so they fit the axis' width. */
export const compactEuros = (fmt: Format) => (value: number) =>
  `${fmt.number(value, { notation: 'compact', maximumFractionDigits: 1 })} €`;

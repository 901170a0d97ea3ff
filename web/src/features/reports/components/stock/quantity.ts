import type { useFormat } from '../../../../lib/use-format';

type Format = ReturnType<typeof useFormat>;

/** A stock quantity in the product's unit: up to three decimals, as stored. */
export const qty = (fmt: Format, value: number) => fmt.number(value, { maximumFractionDigits: 3 });

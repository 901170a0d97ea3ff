import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockLevel } from '../../../../../contracts/inventory';
import { useStockLookup } from '../api/inventory-api';

const labelOf = (l: Pick<StockLevel, 'sku' | 'productName'>) => `${l.sku} · ${l.productName}`;

/**
 * Choose a stock-tracked product by SKU or name (searched on the server through the stock list of
 * the warehouse); `onChange` gets the product's current levels. `selected` names the chosen one
 * while other results show.
 */
export function StockProductSelect({
  warehouseId,
  value,
  selected,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  warehouseId: string;
  value: string | null;
  selected: StockLevel | null;
  onChange: (level: StockLevel | null) => void;
}) {
  const { t } = useTranslation('inventory');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shownLabel = useRef<string | null>(null);
  // after choosing, the box shows the product's label: list products unfiltered then
  const term = debounced === shownLabel.current ? '' : debounced;
  const lookup = useStockLookup(term, warehouseId);
  const items = useMemo(() => {
    const found = lookup.data ?? [];
    return selected && !found.some((l) => l.productId === selected.productId) ? [selected, ...found] : found;
  }, [lookup.data, selected]);
  const data = useMemo(() => items.map((l) => ({ value: l.productId, label: labelOf(l) })), [items]);
  shownLabel.current = selected ? labelOf(selected) : null;
  return (
    <Select
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={lookup.isFetching ? t('picker.searching') : t('picker.nothingFound')}
      placeholder={t('picker.placeholder')}
      value={value}
      onChange={(id) => onChange(items.find((l) => l.productId === id) ?? null)}
      {...props}
    />
  );
}

import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InvoiceSummary } from '../../../../../contracts/billing';
import { type PickerProps, withSelected } from '../../../components/record-pickers';
import { useFormat } from '../../../lib/use-format';
import { useOpenInvoiceSearch } from '../api/bank-statements-api';

/**
 * Choose an open invoice by typing part of its number or recipient (searched on the server);
 * `onPick` also hands over the invoice (its open amount) when one is chosen.
 */
export function OpenInvoicePicker({
  selectedLabel,
  onPick,
  ...props
}: PickerProps & {
  selectedLabel?: string | null;
  onPick?: (invoice: InvoiceSummary | null, label: string | null) => void;
}) {
  const { t } = useTranslation('common');
  const fmt = useFormat();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shownLabel = useRef<string | null>(null);
  const term = debounced === shownLabel.current ? '' : debounced;
  const invoices = useOpenInvoiceSearch(term);
  const data = useMemo(
    () =>
      withSelected(
        (invoices.data ?? []).map((i) => ({
          value: i.id,
          label: `${i.number ?? '—'} · ${i.buyer.name} · ${fmt.money(i.openCents, 'EUR')}`,
        })),
        props.value,
        selectedLabel,
      ),
    [invoices.data, props.value, selectedLabel, fmt],
  );
  shownLabel.current = data.find((i) => i.value === props.value)?.label ?? null;
  const { onChange, ...rest } = props;
  return (
    <Select
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={invoices.isFetching ? t('pickers.searching') : t('pickers.nothingFound')}
      onChange={(value) => {
        onChange(value);
        onPick?.(
          invoices.data?.find((i) => i.id === value) ?? null,
          data.find((i) => i.value === value)?.label ?? null,
        );
      }}
      {...rest}
    />
  );
}

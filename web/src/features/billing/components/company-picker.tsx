import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyOptions, useCompanyRef } from '../api/lookups-api';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

/** Choose the buyer company by typing part of its name (searched on the server). */
export function BuyerCompanySelect(props: Props) {
  const { t } = useTranslation('billing');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shownLabel = useRef<string | null>(null);
  const term = debounced === shownLabel.current ? '' : debounced;
  const companies = useCompanyOptions(term);
  const ref = useCompanyRef(props.value);
  const data = useMemo(() => {
    const items = (companies.data ?? [])
      .filter((c) => !c.mergedIntoId)
      .map((c) => ({ value: c.id, label: c.city ? `${c.name} (${c.city})` : c.name }));
    if (props.value && ref.data && !items.some((i) => i.value === props.value)) {
      items.unshift({ value: props.value, label: ref.data.name });
    }
    return items;
  }, [companies.data, props.value, ref.data]);
  shownLabel.current = data.find((i) => i.value === props.value)?.label ?? null;
  return (
    <Select
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={companies.isFetching ? t('pickers.searching') : t('pickers.nothingFound')}
      {...props}
    />
  );
}

import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyLookup, useCompanySearchLookup } from '../../lib/record-lookups';
import { type PickerProps, withSelected } from './picker-props';

/**
 * Choose a company by typing part of its name (searched on the server). The chosen company keeps
 * its label while other results show; `selectedLabel` names it before it was looked up (without
 * it, the chosen company is loaded for its name).
 */
export function CompanyPicker({ selectedLabel, ...props }: PickerProps & { selectedLabel?: string | null }) {
  const { t } = useTranslation('common');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shownLabel = useRef<string | null>(null);
  // the search box shows the chosen company's name after choosing: then list companies unfiltered
  const term = debounced === shownLabel.current ? '' : debounced;
  const companies = useCompanySearchLookup(term);
  const chosen = useCompanyLookup(props.value && !selectedLabel ? props.value : null);
  const label = selectedLabel ?? chosen.data?.name ?? null;
  const data = useMemo(
    () =>
      withSelected(
        (companies.data ?? []).map((c) => ({
          value: c.id,
          label: c.city ? `${c.name} (${c.city})` : c.name,
        })),
        props.value,
        label,
      ),
    [companies.data, props.value, label],
  );
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

import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompany, useCompanySearch } from '../api/companies-api';

/** A company chosen by typing part of its name (server search); keeps the chosen one's name shown. */
export function CompanyPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation('companies');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useCompanySearch(debounced);
  const chosen = useCompany(value);
  const data = (results.data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.city ? `${c.name} (${c.city})` : c.name,
  }));
  if (chosen.data && !data.some((o) => o.value === chosen.data.id)) {
    data.unshift({ value: chosen.data.id, label: chosen.data.name });
  }
  return (
    <Select
      {...props}
      data={data}
      value={value}
      onChange={(id) => onChange(id)}
      searchable
      onSearchChange={(text) => {
        // typing, not the label of the chosen option being put into the input
        const label = data.find((o) => o.value === value)?.label;
        setSearch(text === label ? '' : text);
      }}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? t('common:loading') : t('common:search.noResults')}
      rightSection={results.isFetching ? <Loader size={14} /> : undefined}
    />
  );
}

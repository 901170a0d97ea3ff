import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupplierCompanies } from '../api/products-api';

/** Choose a company with the supplier role by typing part of its name. */
export function SupplierSelect({
  value,
  label,
  onChange,
  error,
  testId,
}: {
  value: string | null;
  label: string | null;
  onChange: (id: string | null, name: string | null) => void;
  error?: string | undefined;
  testId?: string;
}) {
  const { t } = useTranslation('catalog');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const term = debounced === label ? '' : debounced;
  const query = useSupplierCompanies(term);
  const data = useMemo(() => {
    const items = (query.data?.items ?? []).map((c) => ({
      value: c.id,
      label: c.name,
    }));
    if (value && label && !items.some((i) => i.value === value)) items.unshift({ value, label });
    return items;
  }, [query.data, value, label]);
  return (
    <Select
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => onChange(id, data.find((d) => d.value === id)?.label ?? null)}
      placeholder={t('suppliers.choose')}
      nothingFoundMessage={t('suppliers.noneFound')}
      error={error}
      data-testid={testId}
      miw={220}
    />
  );
}

import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompanyLookup } from '../../../lib/record-lookups';
import { useSupplierLookup } from '../api/settings-api';

/**
 * Choose a company with the supplier role by typing part of its name (like the catalog's supplier
 * select; features do not import each other). `label` names the chosen supplier before it is loaded.
 */
export function SupplierSelect({
  value,
  label,
  onChange,
  error,
  testId,
  fieldLabel,
  placeholder,
  disabled,
  clearable,
  required,
  w,
}: {
  value: string | null;
  label: string | null;
  onChange: (id: string | null, name: string | null) => void;
  error?: string | undefined;
  testId?: string;
  fieldLabel?: string;
  placeholder?: string;
  disabled?: boolean;
  clearable?: boolean;
  required?: boolean;
  w?: number;
}) {
  const { t } = useTranslation('purchasing');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shown = useRef<string | null>(null);
  // after choosing, the box shows the supplier's name: then list suppliers unfiltered
  const term = debounced === shown.current ? '' : debounced;
  const query = useSupplierLookup(term);
  // a supplier chosen elsewhere (the URL, a link from the company page) is loaded for its name
  const chosen = useCompanyLookup(value && !label ? value : null);
  const chosenLabel = label ?? chosen.data?.name ?? null;
  const data = useMemo(() => {
    const items = (query.data?.items ?? []).map((c) => ({
      value: c.id,
      label: c.city ? `${c.name} (${c.city})` : c.name,
    }));
    if (value && chosenLabel && !items.some((i) => i.value === value))
      items.unshift({ value, label: chosenLabel });
    return items;
  }, [query.data, value, chosenLabel]);
  shown.current = data.find((d) => d.value === value)?.label ?? null;
  return (
    <Select
      label={fieldLabel}
      data={data}
      value={value}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(id) => onChange(id, data.find((d) => d.value === id)?.label ?? null)}
      placeholder={placeholder ?? t('editor.chooseSupplier')}
      nothingFoundMessage={query.isFetching ? t('editor.searching') : t('editor.noSupplier')}
      error={error}
      disabled={disabled}
      clearable={clearable}
      required={required}
      w={w}
      miw={w ? undefined : 220}
      data-testid={testId}
    />
  );
}

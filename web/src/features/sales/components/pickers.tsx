import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCompanyOptions,
  useCompanyRef,
  useContactOptions,
  useTeamOptions,
  useUserOptions,
} from '../api/lookups-api';
import { usePipelines } from '../api/pipelines-api';
import { pipelineOptions } from './options';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

/** Choose a pipeline; the default pipeline is marked. */
export function PipelineSelect(props: PickerProps) {
  const { t } = useTranslation('sales');
  const pipelines = usePipelines();
  return <Select data={pipelineOptions(pipelines.data, t)} {...props} />;
}

/** Choose a user (deal owner); active users only unless `includeInactive`. */
export function OwnerSelect({ includeInactive, ...props }: PickerProps & { includeInactive?: boolean }) {
  const { t } = useTranslation('sales');
  const users = useUserOptions();
  const data = (users.data ?? [])
    .filter((u) => includeInactive || u.active || u.id === props.value)
    .map((u) => ({ value: u.id, label: u.active ? u.name : t('pickers.inactive', { name: u.name }) }));
  return <Select data={data} searchable nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

export function TeamSelect(props: PickerProps) {
  const { t } = useTranslation('sales');
  const teams = useTeamOptions();
  const data = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return <Select data={data} searchable nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

/**
 * Choose a company by typing part of its name (searched on the server). The chosen company keeps
 * its label while other results show; `selectedLabel` names it before it was looked up.
 */
export function CompanySelect({ selectedLabel, ...props }: PickerProps & { selectedLabel?: string | null }) {
  const { t } = useTranslation('sales');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const shownLabel = useRef<string | null>(null);
  // the search box shows the chosen company's name after choosing: then list companies unfiltered
  const term = debounced === shownLabel.current ? '' : debounced;
  const companies = useCompanyOptions(term);
  const ref = useCompanyRef(props.value && !selectedLabel ? props.value : null);
  const label = selectedLabel ?? ref.data?.name ?? null;
  const data = useMemo(() => {
    const items = (companies.data ?? [])
      .filter((c) => !c.mergedIntoId)
      .map((c) => ({ value: c.id, label: c.city ? `${c.name} (${c.city})` : c.name }));
    if (props.value && label && !items.some((i) => i.value === props.value)) {
      items.unshift({ value: props.value, label });
    }
    return items;
  }, [companies.data, props.value, label]);
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

/** Choose one of a company's contacts. */
export function ContactSelect({ companyId, ...props }: PickerProps & { companyId: string | null }) {
  const { t } = useTranslation('sales');
  const contacts = useContactOptions(companyId);
  const data = (contacts.data ?? [])
    .filter((c) => !c.mergedIntoId)
    .map((c) => ({ value: c.id, label: c.position ? `${c.name} · ${c.position}` : c.name }));
  return (
    <Select
      data={data}
      searchable
      disabled={!companyId || props.disabled}
      nothingFoundMessage={t('pickers.noContacts')}
      {...props}
    />
  );
}

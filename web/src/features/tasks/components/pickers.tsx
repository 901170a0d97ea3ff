import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useCompanyChoices,
  useContactChoices,
  useDealChoices,
  useTeamChoices,
  useUserChoices,
} from '../api/lookups-api';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange: (value: string | null) => void;
};

export function UserPicker(props: PickerProps) {
  const { t } = useTranslation('tasks');
  const users = useUserChoices();
  const data = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  return <Select data={data} searchable nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

export function TeamPicker(props: PickerProps) {
  const { t } = useTranslation('tasks');
  const teams = useTeamChoices();
  const data = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  return <Select data={data} searchable nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

/** A member of the chosen team (a team task may name the member who does it); none before a team. */
export function TeamMemberPicker({ teamId, ...props }: PickerProps & { teamId: string | null }) {
  const { t } = useTranslation('tasks');
  const teams = useTeamChoices();
  const team = teams.data?.find((x) => x.id === teamId);
  const data = (team?.members ?? []).map((m) => ({ value: m.id, label: m.name }));
  return (
    <Select
      data={data}
      searchable
      disabled={!teamId || props.disabled}
      nothingFoundMessage={t('pickers.nothingFound')}
      {...props}
    />
  );
}

/** A company by part of its name (searched on the server); `selectedLabel` names the chosen one. */
export function CompanyPicker({ selectedLabel, ...props }: PickerProps & { selectedLabel?: string | null }) {
  const { t } = useTranslation('tasks');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const term = debounced === selectedLabel ? '' : debounced;
  const companies = useCompanyChoices(term, true);
  const data = useMemo(() => {
    const items = (companies.data ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (props.value && selectedLabel && !items.some((i) => i.value === props.value)) {
      items.unshift({ value: props.value, label: selectedLabel });
    }
    return items;
  }, [companies.data, props.value, selectedLabel]);
  return (
    <Select
      data={data}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={t('pickers.nothingFound')}
      {...props}
    />
  );
}

export function ContactPicker({
  companyId,
  selectedLabel,
  ...props
}: PickerProps & { companyId: string | null; selectedLabel?: string | null }) {
  const { t } = useTranslation('tasks');
  const contacts = useContactChoices(companyId);
  const data = (contacts.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (props.value && selectedLabel && !data.some((i) => i.value === props.value)) {
    data.unshift({ value: props.value, label: selectedLabel });
  }
  return (
    <Select
      data={data}
      searchable
      disabled={!companyId || props.disabled}
      nothingFoundMessage={t('pickers.nothingFound')}
      {...props}
    />
  );
}

export function DealPicker({
  companyId,
  selectedLabel,
  ...props
}: PickerProps & { companyId: string | null; selectedLabel?: string | null }) {
  const { t } = useTranslation('tasks');
  const deals = useDealChoices(companyId, true);
  const data = (deals.data ?? []).map((d) => ({ value: d.id, label: d.title }));
  if (props.value && selectedLabel && !data.some((i) => i.value === props.value)) {
    data.unshift({ value: props.value, label: selectedLabel });
  }
  return (
    <Select
      data={data}
      searchable
      disabled={!companyId || props.disabled}
      nothingFoundMessage={t('pickers.nothingFound')}
      {...props}
    />
  );
}

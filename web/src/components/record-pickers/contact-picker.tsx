import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useContactLookup } from '../../lib/record-lookups';
import { type PickerProps, withSelected } from './picker-props';

/** Choose one of a company's contacts; nothing to choose before a company is. */
export function ContactPicker({
  companyId,
  selectedLabel,
  ...props
}: PickerProps & { companyId: string | null; selectedLabel?: string | null }) {
  const { t } = useTranslation('common');
  const contacts = useContactLookup(companyId);
  const data = withSelected(
    (contacts.data ?? []).map((c) => ({
      value: c.id,
      label: c.position ? `${c.name} · ${c.position}` : c.name,
    })),
    props.value,
    selectedLabel,
  );
  return (
    <Select
      data={data}
      searchable
      disabled={!companyId || props.disabled}
      nothingFoundMessage={contacts.data?.length ? t('pickers.nothingFound') : t('pickers.noContacts')}
      {...props}
    />
  );
}

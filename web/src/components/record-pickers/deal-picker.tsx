import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDealLookup } from '../../lib/record-lookups';
import { type PickerProps, withSelected } from './picker-props';

/** Choose one of a company's deals (newest first); nothing to choose before a company is. */
export function DealPicker({
  companyId,
  selectedLabel,
  ...props
}: PickerProps & { companyId: string | null; selectedLabel?: string | null }) {
  const { t } = useTranslation('common');
  const deals = useDealLookup(companyId);
  const data = withSelected(
    (deals.data ?? []).map((d) => ({ value: d.id, label: d.title })),
    props.value,
    selectedLabel,
  );
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

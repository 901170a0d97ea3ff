import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useManagerCandidates } from '../api/users-api';

/**
 * "Vorgesetzte(r) / Reports to": an active user other than the edited one. Inactive users stay in
 * the list (disabled) so a saved manager who was deactivated is still shown by name.
 */
export function ManagerSelect({
  userId,
  value,
  onChange,
  error,
  readOnly,
  testId,
}: {
  /** The edited user (left out of the choices); null when creating. */
  userId: string | null;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  readOnly?: boolean;
  testId: string;
}) {
  const { t } = useTranslation('users');
  const candidates = useManagerCandidates();
  const data = (candidates.data?.items ?? [])
    .filter((u) => u.id !== userId && (u.active || u.id === value))
    .map((u) => ({
      value: u.id,
      label: u.active ? u.name : t('manager.inactive', { name: u.name }),
      disabled: !u.active,
    }));
  return (
    <Select
      label={t('fields.manager')}
      description={t('hints.manager')}
      placeholder={t('manager.none')}
      data={data}
      value={value}
      onChange={onChange}
      error={error}
      searchable
      clearable
      readOnly={readOnly}
      nothingFoundMessage={t('manager.nothingFound')}
      data-testid={testId}
    />
  );
}

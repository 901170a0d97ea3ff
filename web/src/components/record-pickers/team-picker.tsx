import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../contracts/identity';
import { useTeamLookup } from '../../lib/record-lookups';
import type { PickerProps } from './picker-props';

/** Choose a team; `include` narrows the choice (the chosen team always stays). */
export function TeamPicker({ include, ...props }: PickerProps & { include?: (team: Team) => boolean }) {
  const { t } = useTranslation('common');
  const teams = useTeamLookup();
  const data = (teams.data ?? [])
    .filter((team) => !include || team.id === props.value || include(team))
    .map((team) => ({ value: team.id, label: team.name }));
  return <Select data={data} searchable nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

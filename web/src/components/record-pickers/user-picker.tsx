import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../../contracts/identity';
import { useTeamLookup, useUserLookup } from '../../lib/record-lookups';
import type { PickerProps } from './picker-props';

/**
 * Choose a user. Active users only (and the chosen one), unless `includeInactive`; inactive ones are
 * marked. `include` narrows the choice further (the chosen user always stays). With `memberOf`, the
 * members of that team instead, and nothing to choose before a team is.
 */
export function UserPicker({
  includeInactive,
  include,
  memberOf,
  ...props
}: PickerProps & {
  includeInactive?: boolean;
  include?: (user: User) => boolean;
  memberOf?: string | null;
}) {
  const { t } = useTranslation('common');
  const byTeam = memberOf !== undefined;
  const users = useUserLookup({ enabled: !byTeam });
  const teams = useTeamLookup({ enabled: byTeam });
  const data = byTeam
    ? (teams.data?.find((team) => team.id === memberOf)?.members ?? []).map((m) => ({
        value: m.id,
        label: m.name,
      }))
    : (users.data ?? [])
        .filter((u) => u.id === props.value || ((includeInactive || u.active) && (include?.(u) ?? true)))
        .map((u) => ({ value: u.id, label: u.active ? u.name : t('pickers.inactive', { name: u.name }) }));
  return (
    <Select
      data={data}
      searchable
      nothingFoundMessage={t('pickers.nothingFound')}
      {...props}
      // after the caller's props: a member picker stays disabled until a team is chosen
      disabled={(byTeam && !memberOf) || props.disabled}
    />
  );
}

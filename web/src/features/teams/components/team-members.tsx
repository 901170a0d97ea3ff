import { ActionIcon, Avatar, Button, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '../../../../../contracts/identity';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { errorMessage } from '../../../lib/errors';
import { useAddTeamMember, useMemberCandidates, useRemoveTeamMember } from '../api/teams-api';

/** Members of a team; managers add people from the active users and remove them again. */
export function TeamMembers({ team, canManage }: { team: Team; canManage: boolean }) {
  const { t } = useTranslation('teams');
  const notify = useNotify();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  const candidates = useMemberCandidates(debounced);
  const add = useAddTeamMember();
  const remove = useRemoveTeamMember();

  const memberIds = useMemo(() => new Set(team.members.map((m) => m.id)), [team.members]);
  const options = (candidates.data?.items ?? [])
    .filter((u) => !memberIds.has(u.id))
    .map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }));

  const addPicked = () => {
    if (!picked) return;
    add.mutate(
      { teamId: team.id, userId: picked },
      {
        onSuccess: () => {
          setPicked(null);
          setSearch('');
        },
        onError: (err) => notify.error(errorMessage(err, t)),
      },
    );
  };

  return (
    <Stack gap="sm" data-testid="team-members">
      {team.members.length === 0 ? (
        <EmptyState title={t('members.empty')} />
      ) : (
        team.members.map((member) => (
          <Group
            key={member.id}
            justify="space-between"
            wrap="nowrap"
            data-testid="team-member"
            data-user-id={member.id}
          >
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Avatar size="sm" radius="xl" name={member.name} color="initials" />
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500} truncate>
                  {member.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {member.email} · {t(`common:roles.${member.role}`)}
                </Text>
              </Stack>
            </Group>
            {canManage ? (
              <Tooltip label={t('members.remove', { name: member.name })}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('members.remove', { name: member.name })}
                  loading={remove.isPending && remove.variables?.userId === member.id}
                  onClick={() =>
                    remove.mutate(
                      { teamId: team.id, userId: member.id },
                      { onError: (err) => notify.error(errorMessage(err, t)) },
                    )
                  }
                  data-testid="team-member-remove"
                >
                  <IconUserMinus size={16} />
                </ActionIcon>
              </Tooltip>
            ) : null}
          </Group>
        ))
      )}
      {canManage ? (
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <Select
            label={t('members.add')}
            placeholder={t('members.pick')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={options}
            value={picked}
            onChange={setPicked}
            nothingFoundMessage={candidates.isFetching ? t('common:loading') : t('members.noCandidates')}
            filter={({ options: all }) => all}
            style={{ flex: 1 }}
            data-testid="team-member-picker"
          />
          <Button
            leftSection={<IconUserPlus size={16} />}
            onClick={addPicked}
            disabled={!picked}
            loading={add.isPending}
            data-testid="team-member-add"
          >
            {t('members.addButton')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

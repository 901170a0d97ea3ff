import { Center, Divider, Drawer, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import { TeamEditForm, TeamMembers, useTeam } from '../../features/teams';
import { useCan } from '../../lib/auth';
import { useFormat } from '../../lib/use-format';

/** `/teams/:id`: a team's name, members and history, over the list. */
export function TeamDetailDrawer() {
  const { t } = useTranslation('teams');
  const fmt = useFormat();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const can = useCan();
  const query = useTeam(id);
  const close = () => navigate({ pathname: '/teams', search: location.search });
  const team = query.data;

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="lg"
      title={<Title order={3}>{team?.name ?? t('detail.title')}</Title>}
      data-testid="team-detail"
    >
      {team ? (
        <Stack gap="lg">
          <Text size="xs" c="dimmed">
            {t('detail.meta', {
              created: fmt.dateTime(team.createdAt),
              updated: fmt.dateTime(team.updatedAt),
            })}
          </Text>
          <TeamEditForm
            key={team.id}
            team={team}
            canManage={can('teams.manage')}
            onReload={() => query.refetch()}
          />
          <Divider label={t('detail.members', { count: team.members.length })} labelPosition="left" />
          <TeamMembers team={team} canManage={can('teams.manage')} />
          {can('audit.read') ? (
            <>
              <Divider label={t('detail.history')} labelPosition="left" />
              <HistoryTimeline entityType="team" entityId={team.id} />
            </>
          ) : null}
        </Stack>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Center py="xl">
          <Loader />
        </Center>
      )}
    </Drawer>
  );
}

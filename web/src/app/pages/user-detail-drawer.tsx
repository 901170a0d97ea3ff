import { Center, Divider, Drawer, Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { HistoryTimeline } from '../../features/audit';
import { UserEditForm, UserSummary, useUser } from '../../features/users';
import { useCan, useSession } from '../../lib/auth';

/** `/users/:id`: the user's record and its history, over the list. */
export function UserDetailDrawer() {
  const { t } = useTranslation('users');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const can = useCan();
  const me = useSession();
  const query = useUser(id);
  const close = () => navigate({ pathname: '/users', search: location.search });

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="lg"
      title={<Title order={3}>{t('detail.title')}</Title>}
      data-testid="user-detail"
    >
      {query.data ? (
        <Stack gap="lg">
          <UserSummary user={query.data} />
          <UserEditForm
            key={query.data.id}
            user={query.data}
            canManage={can('users.manage')}
            isSelf={query.data.id === me.user.id}
            onReload={() => query.refetch()}
          />
          {can('audit.read') ? (
            <>
              <Divider label={t('detail.history')} labelPosition="left" />
              <HistoryTimeline entityType="user" entityId={query.data.id} />
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

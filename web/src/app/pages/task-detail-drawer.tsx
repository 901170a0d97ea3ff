import { Center, Drawer, Loader, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { RuleProvenance } from '../../features/automation';
import { TaskDetail, useTask } from '../../features/tasks';
import { useCan } from '../../lib/auth';
import { entityLink } from '../entity-links';

/** `/tasks/:id`: one task over the task list. */
export function TaskDetailDrawer() {
  const { t } = useTranslation('tasks');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const can = useCan();
  const query = useTask(id);
  const close = () => navigate({ pathname: '/tasks', search: location.search });

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="lg"
      title={<Title order={4}>{t('detail.title')}</Title>}
    >
      {query.data ? (
        <RuleProvenance
          entityType="task"
          entityId={query.data.id}
          enabled={query.data.origin === 'rule'}
          canOpenRule={can('automation.read')}
        />
      ) : null}
      {query.data ? (
        <TaskDetail
          task={query.data}
          canWrite={can('tasks.write')}
          getLink={(type, refId) => entityLink(type, refId, can)}
          onReload={() => query.refetch()}
        />
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

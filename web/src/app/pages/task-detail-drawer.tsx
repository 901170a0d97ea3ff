import { Center, Drawer, Loader, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { RuleProvenance, useHasProvenance } from '../../features/automation';
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
  const task = query.data;
  // tasks of built-in rules (collection, purchase follow-up) have origin `system`; their runs are
  // recorded like those of the rules people write
  const mayHaveProvenance = task?.origin === 'rule' || task?.origin === 'system';
  const hasProvenance = useHasProvenance('task', task?.id ?? '', mayHaveProvenance);

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size="lg"
      title={<Title order={4}>{t('detail.title')}</Title>}
    >
      {task ? (
        <RuleProvenance
          entityType="task"
          entityId={task.id}
          enabled={mayHaveProvenance}
          canOpenRule={can('automation.read')}
        />
      ) : null}
      {task ? (
        <TaskDetail
          // the provenance box gives the rule and its reason: the origin line would repeat them
          task={hasProvenance ? { ...task, originLabel: null } : task}
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

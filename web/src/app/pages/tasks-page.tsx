import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { TaskFormModal, TasksList } from '../../features/tasks';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/tasks`: tasks and activities — mine, my teams' or all I may see; `/tasks/:id` opens one over it. */
export function TasksPage() {
  const { t } = useTranslation('tasks');
  const can = useCan();
  const navigate = useNavigate();
  const [createOpened, createModal] = useDisclosure(false);

  return (
    <RequirePermission permission="tasks.read">
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          can('tasks.write') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="task-create">
              {t('create.button')}
            </Button>
          ) : null
        }
      />
      <TasksList />
      <TaskFormModal
        opened={createOpened}
        onClose={createModal.close}
        onSaved={(task) => navigate(`/tasks/${task.id}`)}
      />
      <Outlet />
    </RequirePermission>
  );
}

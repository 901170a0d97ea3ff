import { Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useMyOpenTasks } from '../api/tasks-api';
import { TaskRows } from './task-rows';

/** The dashboard's "my open tasks": the next ones by due date, overdue first and in red. */
export function MyOpenTasks({ limit = 8 }: { limit?: number }) {
  const { t } = useTranslation('tasks');
  const query = useMyOpenTasks(limit);
  if (query.isPending)
    return (
      <Center py="md">
        <Loader size="sm" />
      </Center>
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('widget.none')}
      </Text>
    );
  return (
    <div data-testid="my-open-tasks">
      <TaskRows tasks={query.data.items} />
    </div>
  );
}

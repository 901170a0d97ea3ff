import { Button, Card, Center, Divider, Group, Loader, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { type TaskRelation, useRelatedTasks } from '../api/tasks-api';
import { LogActivityButton } from './log-activity';
import { TaskFormModal } from './task-form-modal';
import type { TaskDefaults } from './task-form-values';
import { TaskRows } from './task-rows';

/**
 * For a company, contact or deal page: its open tasks (complete, claim), the last activities done,
 * a new task about it and the "log activity" quick action.
 */
export function OpenTasksPanel({ relation, defaults }: { relation: TaskRelation; defaults: TaskDefaults }) {
  const { t } = useTranslation('tasks');
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const open = useRelatedTasks(relation, 'open');
  const done = useRelatedTasks(relation, 'done', 5);
  const writable = can('tasks.write');

  return (
    <Card withBorder radius="md" padding="lg" data-testid="open-tasks-panel">
      <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
        <Title order={4}>{t('panel.title')}</Title>
        {writable ? (
          <Group gap="xs">
            <LogActivityButton relation={relation} />
            <Button
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => setCreating(true)}
              data-testid="panel-task-create"
            >
              {t('create.button')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {open.isPending ? (
        <Center py="md">
          <Loader size="sm" />
        </Center>
      ) : open.isError ? (
        <QueryError error={open.error} onRetry={() => void open.refetch()} />
      ) : open.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('panel.noOpen')}
        </Text>
      ) : (
        <TaskRows tasks={open.data.items} compact />
      )}
      {done.data && done.data.items.length > 0 ? (
        <>
          <Divider label={t('panel.recentDone')} labelPosition="left" mt="md" mb={4} />
          <TaskRows tasks={done.data.items} compact />
        </>
      ) : null}
      {writable ? (
        <TaskFormModal opened={creating} onClose={() => setCreating(false)} defaults={defaults} />
      ) : null}
    </Card>
  );
}

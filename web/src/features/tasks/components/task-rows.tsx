import { Anchor, Badge, Button, Checkbox, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconRepeat, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { useSession } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useClaimTask, useCompleteTask } from '../api/tasks-api';
import { dueLabel, taskErrorMessage } from './task-values';

/**
 * Tasks as rows: a checkbox completes an open task at once (the detail asks for outcome and note),
 * unclaimed team tasks of my teams have a claim button, overdue ones are red.
 */
export function TaskRows({ tasks, compact = false }: { tasks: Task[]; compact?: boolean }) {
  const { t } = useTranslation('tasks');
  const fmt = useFormat();
  const notify = useNotify();
  const me = useSession();
  const complete = useCompleteTask();
  const claim = useClaimTask();
  const myTeams = new Set(me.teams.map((x) => x.id));
  const onError = (err: unknown) => notify.error(taskErrorMessage(err, t));

  return (
    <Stack gap={0}>
      {tasks.map((task) => {
        const open = task.status === 'open';
        const claimable = open && !task.assigneeId && task.teamId !== null && myTeams.has(task.teamId);
        return (
          <Group
            key={task.id}
            wrap="nowrap"
            gap="sm"
            py={6}
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
            data-testid="task-row"
            data-task-id={task.id}
            data-status={task.status}
            data-overdue={task.overdue ? 'true' : 'false'}
          >
            <Checkbox
              aria-label={t('list.completeLabel', { subject: task.subject })}
              checked={task.status === 'done'}
              disabled={!open || complete.isPending}
              onChange={() => complete.mutate({ id: task.id, version: task.version }, { onError })}
              data-testid="task-complete-checkbox"
            />
            <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
              <Group gap={6} wrap="nowrap">
                <Anchor
                  component={Link}
                  to={`/tasks/${task.id}`}
                  size="sm"
                  fw={500}
                  td={task.status === 'cancelled' ? 'line-through' : undefined}
                  truncate
                  data-testid="task-link"
                >
                  {task.subject}
                </Anchor>
                {task.recurrence !== 'none' ? (
                  <IconRepeat size={14} aria-label={t('list.recurring')} />
                ) : null}
                {task.priority === 'high' ? (
                  <Badge size="xs" color="red" variant="light">
                    {t('priorities.high')}
                  </Badge>
                ) : null}
              </Group>
              <Text size="xs" c="dimmed" truncate>
                {[
                  task.typeName,
                  task.assigneeName ??
                    (task.teamName ? t('list.unclaimedOf', { team: task.teamName }) : null),
                  compact ? null : task.companyName,
                  task.dealTitle,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            {task.teamName && task.assigneeName && !compact ? (
              <Tooltip label={task.teamName}>
                <IconUsersGroup size={16} />
              </Tooltip>
            ) : null}
            {task.dueDate ? (
              <Text
                size="xs"
                c={task.overdue ? 'red' : 'dimmed'}
                fw={task.overdue ? 700 : undefined}
                style={{ whiteSpace: 'nowrap' }}
                data-testid="task-due"
              >
                {task.status === 'done' && task.completedAt
                  ? fmt.date(task.completedAt)
                  : dueLabel(task, fmt)}
              </Text>
            ) : null}
            {claimable ? (
              <Button
                size="compact-xs"
                variant="light"
                loading={claim.isPending}
                onClick={() => claim.mutate({ id: task.id, version: task.version }, { onError })}
                data-testid="task-claim"
              >
                {t('actions.claim')}
              </Button>
            ) : null}
          </Group>
        );
      })}
    </Stack>
  );
}

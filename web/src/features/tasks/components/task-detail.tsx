import { Alert, Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconHandGrab, IconPencil, IconRotate, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { useSession } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useClaimTask, useUpdateTask } from '../api/tasks-api';
import { CompleteTaskModal } from './complete-task-modal';
import { TaskFormModal } from './task-form-modal';
import { dueLabel, taskErrorMessage } from './task-values';

const STATUS_COLOR = { open: 'blue', done: 'teal', cancelled: 'gray' } as const;

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children ?? '—'}</Text>
    </Stack>
  );
}

/** One task: its facts, and complete (with outcome and note), claim, edit, cancel and reopen. */
export function TaskDetail({
  task,
  canWrite,
  getLink,
  onReload,
}: {
  task: Task;
  canWrite: boolean;
  /** Where a related record is shown (company, contact, deal), if anywhere. */
  getLink: (type: string, id: string) => string | null;
  onReload: () => Promise<{ data?: Task }>;
}) {
  const { t } = useTranslation('tasks');
  const fmt = useFormat();
  const notify = useNotify();
  const me = useSession();
  const update = useUpdateTask();
  const claim = useClaimTask();
  const [editing, setEditing] = useState(false);
  const [completing, setCompleting] = useState<Task | null>(null);
  const onError = (err: unknown) => notify.error(taskErrorMessage(err, t));
  const open = task.status === 'open';
  const claimable =
    open && !task.assigneeId && task.teamId !== null && me.teams.some((x) => x.id === task.teamId);
  const link = (type: string, id: string | null, label: string | null) => {
    if (!id) return null;
    const to = getLink(type, id);
    return to ? (
      <Anchor component={Link} to={to} size="sm">
        {label ?? id}
      </Anchor>
    ) : (
      label
    );
  };

  return (
    <Stack gap="md" data-testid="task-detail" data-task-id={task.id} data-status={task.status}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Title order={3} style={{ flex: 1 }}>
          {task.subject}
        </Title>
        <Badge color={STATUS_COLOR[task.status]} data-testid="task-status">
          {t(`statuses.${task.status}`)}
        </Badge>
      </Group>
      {task.overdue ? (
        <Alert color="red" variant="light" data-testid="task-overdue">
          {t('detail.overdue')}
        </Alert>
      ) : null}
      {task.originLabel ? (
        <Text size="sm" c="dimmed">
          {t('detail.origin', { label: task.originLabel })}
        </Text>
      ) : null}
      {canWrite ? (
        <Group gap="xs">
          {open ? (
            <Button
              leftSection={<IconCheck size={16} />}
              onClick={() => setCompleting(task)}
              data-testid="task-complete"
            >
              {t('actions.complete')}
            </Button>
          ) : null}
          {claimable ? (
            <Button
              variant="light"
              leftSection={<IconHandGrab size={16} />}
              loading={claim.isPending}
              onClick={() => claim.mutate({ id: task.id, version: task.version }, { onError })}
              data-testid="task-claim"
            >
              {t('actions.claim')}
            </Button>
          ) : null}
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={() => setEditing(true)}
            data-testid="task-edit"
          >
            {t('actions.edit')}
          </Button>
          {open ? (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconX size={16} />}
              loading={update.isPending}
              onClick={() =>
                update.mutate({ id: task.id, version: task.version, status: 'cancelled' }, { onError })
              }
              data-testid="task-cancel"
            >
              {t('actions.cancel')}
            </Button>
          ) : (
            <Button
              variant="subtle"
              leftSection={<IconRotate size={16} />}
              loading={update.isPending}
              onClick={() =>
                update.mutate({ id: task.id, version: task.version, status: 'open' }, { onError })
              }
              data-testid="task-reopen"
            >
              {t('actions.reopen')}
            </Button>
          )}
        </Group>
      ) : null}
      <SimpleGrid cols={2} spacing="sm">
        <Fact label={t('fields.type')}>{task.typeName}</Fact>
        <Fact label={t('fields.priority')}>{t(`priorities.${task.priority}`)}</Fact>
        <Fact label={t('fields.dueDate')}>{task.dueDate ? dueLabel(task, fmt) : null}</Fact>
        <Fact label={t('fields.duration')}>
          {task.durationMinutes ? t('detail.minutes', { count: task.durationMinutes }) : null}
        </Fact>
        <Fact label={t('fields.assignee')}>
          {task.assigneeName ?? (task.teamId ? t('detail.unclaimed') : null)}
        </Fact>
        <Fact label={t('fields.team')}>{task.teamName}</Fact>
        <Fact label={t('fields.company')}>{link('company', task.companyId, task.companyName)}</Fact>
        <Fact label={t('fields.contact')}>{link('contact', task.contactId, task.contactName)}</Fact>
        <Fact label={t('fields.deal')}>{link('deal', task.dealId, task.dealTitle)}</Fact>
        {task.invoiceId ? (
          <Fact label={t('fields.invoice')}>{link('invoice', task.invoiceId, task.invoiceNumber)}</Fact>
        ) : null}
        <Fact label={t('fields.recurrence')}>
          {task.recurrence === 'none'
            ? null
            : t('detail.every', {
                count: task.recurrenceInterval,
                unit: t(`units.${task.recurrence}`, { count: task.recurrenceInterval }),
              })}
        </Fact>
        <Fact label={t('fields.reminder')}>{task.reminderAt ? fmt.dateTime(task.reminderAt) : null}</Fact>
        <Fact label={t('fields.outcome')}>{task.outcome ? t(`outcomes.${task.outcome}`) : null}</Fact>
        {task.completedAt ? (
          <Fact label={t('fields.completedAt')}>{fmt.dateTime(task.completedAt)}</Fact>
        ) : null}
      </SimpleGrid>
      {task.notes ? (
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('fields.notes')}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="task-notes">
            {task.notes}
          </Text>
        </Stack>
      ) : null}
      <TaskFormModal opened={editing} onClose={() => setEditing(false)} task={task} onReload={onReload} />
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}

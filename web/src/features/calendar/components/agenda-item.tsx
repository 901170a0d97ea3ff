import { Badge, Group, Paper, Text, UnstyledButton } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Task } from '../../../../../contracts/work';
import { intlLocale } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';

function timeOf(task: Task, locale: string): string | null {
  if (!task.dueAt) return null;
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(task.dueAt));
}

/** One task in the agenda: time (or all day), type, subject and what it is about; opens the task. */
export function AgendaItem({ task, showDate }: { task: Task; showDate?: boolean }) {
  const { t } = useTranslation('calendar');
  const fmt = useFormat();
  const time = timeOf(task, fmt.locale);
  const done = task.status === 'done';
  const about = [task.companyName, task.dealTitle, task.contactName].filter(Boolean).join(' · ');
  return (
    <UnstyledButton
      component={Link}
      to={`/tasks/${task.id}`}
      display="block"
      data-testid="agenda-item"
      data-task-id={task.id}
    >
      <Paper
        withBorder
        radius="sm"
        px="sm"
        py={6}
        style={{
          borderLeft: `3px solid var(--mantine-color-${task.overdue ? 'red' : done ? 'gray' : 'blue'}-6)`,
        }}
      >
        <Group gap="sm" wrap="nowrap" align="flex-start">
          {showDate && task.dueDate ? (
            // overdue ones from before: the day above its time, so the subject keeps its room
            <div style={{ width: 96, flexShrink: 0 }}>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {fmt.date(task.dueDate)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {time ?? t('agenda.allDay')}
              </Text>
            </div>
          ) : (
            <Text size="sm" fw={600} w={90} style={{ flexShrink: 0, whiteSpace: 'nowrap' }}>
              {time ?? t('agenda.allDay')}
            </Text>
          )}
          <div style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6} wrap="nowrap">
              {done ? <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" /> : null}
              <Text
                size="sm"
                fw={500}
                truncate
                td={done ? 'line-through' : undefined}
                c={done ? 'dimmed' : undefined}
              >
                {task.subject}
              </Text>
            </Group>
            {about ? (
              <Text size="xs" c="dimmed" truncate>
                {about}
              </Text>
            ) : null}
          </div>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {task.assigneeId === null && task.teamName ? (
              <Badge size="sm" variant="outline" color="grape">
                {t('agenda.teamTask', { team: task.teamName })}
              </Badge>
            ) : null}
            {task.priority === 'high' ? (
              <Badge size="sm" color="orange" variant="light">
                {t('agenda.high')}
              </Badge>
            ) : null}
            {task.overdue ? (
              <Badge size="sm" color="red" variant="light">
                {t('agenda.overdueBadge')}
              </Badge>
            ) : null}
            <Badge size="sm" variant="light">
              {task.typeName}
            </Badge>
          </Group>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}

import {
  ActionIcon,
  Button,
  Card,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../../../../contracts/work';
import { QueryError } from '../../../components/query-error';
import { intlLocale } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useAgenda } from '../api/calendar-api';
import { type AgendaView, stepDate, viewRange } from './agenda-dates';
import { AgendaItem } from './agenda-item';

export interface AgendaState {
  view: AgendaView;
  date: string;
  includeDone: boolean;
}

function dayTitle(date: string, locale: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** My tasks as a day or week agenda, with the overdue ones from before apart at the top. */
export function Agenda({
  state,
  today,
  onChange,
}: {
  state: AgendaState;
  today: string;
  onChange: (next: AgendaState) => void;
}) {
  const { t } = useTranslation('calendar');
  const fmt = useFormat();
  const range = viewRange(state.view, state.date);
  const agenda = useAgenda({ from: range.from, to: range.to, includeDone: state.includeDone });
  const byDay = useMemo(() => {
    const map = new Map<string, Task[]>();
    for (const task of agenda.data?.items ?? []) {
      if (task.dueDate) map.set(task.dueDate, [...(map.get(task.dueDate) ?? []), task]);
    }
    return map;
  }, [agenda.data]);
  const overdue = agenda.data?.overdue ?? [];
  const label =
    state.view === 'day'
      ? dayTitle(range.from, fmt.locale)
      : `${fmt.date(range.from)} – ${fmt.date(range.to)}`;

  return (
    <Stack gap="md" data-testid="agenda">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('agenda.previous')}
            onClick={() => onChange({ ...state, date: stepDate(state.view, state.date, -1) })}
            data-testid="agenda-previous"
          >
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button
            variant="default"
            onClick={() => onChange({ ...state, date: today })}
            data-testid="agenda-today"
          >
            {t('agenda.today')}
          </Button>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={t('agenda.next')}
            onClick={() => onChange({ ...state, date: stepDate(state.view, state.date, 1) })}
            data-testid="agenda-next"
          >
            <IconChevronRight size={18} />
          </ActionIcon>
          <Title order={4} ml="sm" data-testid="agenda-range">
            {label}
          </Title>
          {agenda.isFetching ? <Loader size="xs" /> : null}
        </Group>
        <Group gap="md">
          <Switch
            label={t('agenda.includeDone')}
            checked={state.includeDone}
            onChange={(e) => onChange({ ...state, includeDone: e.currentTarget.checked })}
            data-testid="agenda-include-done"
          />
          <SegmentedControl
            value={state.view}
            onChange={(view) => onChange({ ...state, view: view as AgendaView })}
            data={[
              { value: 'day', label: t('agenda.day') },
              { value: 'week', label: t('agenda.week') },
            ]}
            data-testid="agenda-view"
          />
        </Group>
      </Group>

      {agenda.isError ? <QueryError error={agenda.error} onRetry={() => void agenda.refetch()} /> : null}

      {overdue.length > 0 ? (
        <Card withBorder radius="md" padding="md" data-testid="agenda-overdue">
          <Group gap="xs" mb="sm">
            <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
            <Text fw={600} c="red">
              {t('agenda.overdue', { count: overdue.length })}
            </Text>
          </Group>
          <Stack gap={6}>
            {overdue.map((task) => (
              <AgendaItem key={task.id} task={task} showDate />
            ))}
          </Stack>
        </Card>
      ) : null}

      {agenda.isPending ? (
        <Loader />
      ) : (
        <Stack gap="sm">
          {range.days.map((day) => {
            const tasks = byDay.get(day) ?? [];
            return (
              <Card key={day} withBorder radius="md" padding="md" data-testid={`agenda-day-${day}`}>
                <Group justify="space-between" mb={tasks.length ? 'sm' : 0}>
                  <Text fw={600} c={day === today ? 'blue' : undefined}>
                    {dayTitle(day, fmt.locale)}
                    {day === today ? ` · ${t('agenda.today')}` : ''}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {tasks.length ? t('agenda.count', { count: tasks.length }) : t('agenda.nothing')}
                  </Text>
                </Group>
                {tasks.length ? (
                  <Stack gap={6}>
                    {tasks.map((task) => (
                      <AgendaItem key={task.id} task={task} />
                    ))}
                  </Stack>
                ) : null}
              </Card>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

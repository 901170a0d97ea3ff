import { Button, Group, Menu, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { IconCalendarEvent, IconChevronDown, IconMail, IconPhone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskOutcome } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { type TaskRelation, useCreateTask, useTaskTypes } from '../api/tasks-api';
import { outcomeOptions, taskErrorMessage } from './task-values';

const ACTIVITY_TYPES = [
  { key: 'call', icon: <IconPhone size={16} /> },
  { key: 'meeting', icon: <IconCalendarEvent size={16} /> },
  { key: 'email', icon: <IconMail size={16} /> },
] as const;

/**
 * "Log activity": a call, meeting or e-mail that just happened, recorded as done now with its
 * outcome and a note — one click to choose the kind, a short form, save.
 */
export function LogActivityButton({ relation }: { relation: TaskRelation }) {
  const { t } = useTranslation('tasks');
  const notify = useNotify();
  const types = useTaskTypes();
  const create = useCreateTask();
  const [type, setType] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const available = ACTIVITY_TYPES.filter(
    (a) => types.data?.some((x) => x.key === a.key && !x.archived) ?? true,
  );
  const typeName = (key: string) => types.data?.find((x) => x.key === key)?.name ?? t(`activity.${key}`);

  const start = (key: string) => {
    setType(key);
    setSubject(typeName(key));
    setOutcome(key === 'call' ? 'connected' : key === 'meeting' ? 'held' : null);
    setNote('');
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!type) return;
    create.mutate(
      {
        type,
        subject: subject.trim() || typeName(type),
        done: true,
        outcome: (outcome as TaskOutcome | null) ?? null,
        notes: note.trim() ? note : null,
        ...relation,
      },
      {
        onSuccess: () => {
          notify.success(t('activity.logged'));
          setType(null);
        },
        onError: (err) => notify.error(taskErrorMessage(err, t)),
      },
    );
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="light"
            size="xs"
            rightSection={<IconChevronDown size={14} />}
            data-testid="log-activity"
          >
            {t('activity.log')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {available.map((a) => (
            <Menu.Item
              key={a.key}
              leftSection={a.icon}
              onClick={() => start(a.key)}
              data-testid={`log-activity-${a.key}`}
            >
              {typeName(a.key)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={type !== null}
        onClose={() => setType(null)}
        title={t('activity.title')}
        data-testid="log-activity-form"
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('fields.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              data-autofocus
              data-testid="log-activity-subject"
            />
            <Select
              label={t('fields.outcome')}
              data={outcomeOptions(type ?? '', t)}
              clearable
              value={outcome}
              onChange={setOutcome}
              data-testid="log-activity-outcome"
            />
            <Textarea
              label={t('fields.notes')}
              autosize
              minRows={2}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="log-activity-note"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setType(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="log-activity-save">
                {t('activity.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

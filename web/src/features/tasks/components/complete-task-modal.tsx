import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Task, TaskOutcome } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { useCompleteTask } from '../api/tasks-api';
import { outcomeOptions, taskErrorMessage } from './task-values';

/** Complete a task with how it went (for calls and meetings) and a note appended to its notes. */
export function CompleteTaskModal({ task, onClose }: { task: Task | null; onClose: () => void }) {
  const { t } = useTranslation('tasks');
  const notify = useNotify();
  const complete = useCompleteTask();
  const [outcome, setOutcome] = useState<string | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    if (task) {
      setOutcome(task.outcome);
      setNote('');
    }
  }, [task]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!task) return;
    complete.mutate(
      {
        id: task.id,
        version: task.version,
        outcome: (outcome as TaskOutcome | null) ?? null,
        ...(note.trim() ? { note } : {}),
      },
      {
        onSuccess: (result) => {
          notify.success(
            result.next
              ? t('complete.doneWithNext', { subject: task.subject, date: result.next.dueDate })
              : t('complete.done', { subject: task.subject }),
          );
          onClose();
        },
        onError: (err) => notify.error(taskErrorMessage(err, t)),
      },
    );
  };

  return (
    <Modal
      opened={task !== null}
      onClose={onClose}
      title={t('complete.title')}
      data-testid="task-complete-form"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('fields.outcome')}
            data={outcomeOptions(task?.type ?? '', t)}
            clearable
            value={outcome}
            onChange={setOutcome}
            data-testid="task-complete-outcome"
          />
          <Textarea
            label={t('complete.note')}
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="task-complete-note"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={complete.isPending} data-testid="task-complete-save">
              {t('complete.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

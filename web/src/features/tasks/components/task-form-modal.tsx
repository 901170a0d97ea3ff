import {
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateTask, type Task, UpdateTask } from '../../../../../contracts/work';
import { ConflictAlert } from '../../../components/conflict-alert';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import {
  CompanyPicker,
  ContactPicker,
  DealPicker,
  TeamPicker,
  UserPicker,
} from '../../../components/record-pickers';
import { isConflict } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { useForm } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useCreateTask, useTaskTypes, useUpdateTask } from '../api/tasks-api';
import {
  createBody,
  emptyValues,
  fromTask,
  reminderOf,
  type TaskDefaults,
  updateBody,
  type Values,
} from './task-form-values';
import { taskErrorMessage, typeOptions } from './task-values';

/**
 * Creates or edits a task: type, subject, due date with an optional time, duration, priority, a
 * person or a team, the company / contact / deal it is about, recurrence, reminder and notes.
 */
export function TaskFormModal({
  opened,
  onClose,
  task,
  defaults,
  onSaved,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  task?: Task;
  defaults?: TaskDefaults;
  onSaved?: (task: Task) => void;
  onReload?: () => Promise<{ data?: Task }>;
}) {
  const { t } = useTranslation('tasks');
  const me = useSession();
  const notify = useNotify();
  const types = useTaskTypes();
  const initial = () => (task ? fromTask(task) : emptyValues(me.user.id, defaults ?? {}));
  const form = useForm<Values>(initial());
  const [conflict, setConflict] = useState(false);
  const create = useCreateTask();
  const update = useUpdateTask();
  const v = form.values;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on open only
  useEffect(() => {
    if (opened) {
      form.reset(initial());
      setConflict(false);
    }
  }, [opened]);

  const onError = (err: unknown) => {
    if (isConflict(err)) {
      setConflict(true);
      return;
    }
    if (!form.setServerErrors(err)) notify.error(taskErrorMessage(err, t));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (v.reminder === 'custom' && reminderOf(v) === 'invalid') {
      form.setFieldError('reminder', t('form.reminderInvalid'));
      return;
    }
    if (v.assignTo === 'team' && !v.teamId) {
      form.setFieldError('teamId', t('form.teamRequired'));
      return;
    }
    const done = (saved: Task, message: string) => {
      notify.success(message);
      onSaved?.(saved);
      onClose();
    };
    if (task) {
      const body = form.validate(UpdateTask, updateBody(v, form.baseline, task.version));
      if (!body) return;
      update.mutate(
        { id: task.id, ...body },
        { onSuccess: (saved) => done(saved, t('form.saved')), onError },
      );
      return;
    }
    const body = form.validate(CreateTask, createBody(v));
    if (!body) return;
    create.mutate(body, {
      onSuccess: (saved) => done(saved, t('form.created', { subject: saved.subject })),
      onError,
    });
  };

  const reload = async () => {
    const fresh = await onReload?.();
    if (fresh?.data) form.reset(fromTask(fresh.data));
    setConflict(false);
  };

  const selectData = (keys: string[], prefix: string) =>
    keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }));

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={task ? t('form.editTitle') : t('form.createTitle')}
      size="xl"
      data-testid="task-form"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {conflict ? <ConflictAlert onReload={() => void reload()} reloading={false} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('fields.type')}
              data={typeOptions(types.data, task?.type)}
              allowDeselect={false}
              data-testid="task-type"
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('fields.subject')}
              required
              data-autofocus
              data-testid="task-subject"
              style={{ gridColumn: 'span 2' }}
              {...form.getInputProps('subject')}
            />
            <LazyDateInput
              label={t('fields.dueDate')}
              clearable
              value={v.dueDate}
              onChange={(value) => form.setFieldValue('dueDate', value)}
              error={form.errors.dueDate}
              data-testid="task-due-date"
            />
            <TextInput
              label={t('fields.dueTime')}
              description={t('form.dueTimeHint')}
              type="time"
              disabled={!v.dueDate}
              data-testid="task-due-time"
              {...form.getInputProps('dueTime')}
              error={form.errors.dueTime ?? form.errors.dueAt}
            />
            <NumberInput
              label={t('fields.duration')}
              min={0}
              max={10080}
              rightSection={t('form.minutes')}
              rightSectionWidth={50}
              hideControls
              data-testid="task-duration"
              {...form.getInputProps('durationMinutes')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('fields.priority')}
              data={selectData(['low', 'normal', 'high'], 'priorities')}
              allowDeselect={false}
              data-testid="task-priority"
              {...form.getInputProps('priority')}
            />
            <Stack gap={4}>
              <SegmentedControl
                size="xs"
                mt={24}
                value={v.assignTo}
                onChange={(value) => {
                  form.setValues((prev) => ({
                    ...prev,
                    assignTo: value as Values['assignTo'],
                    assigneeId: value === 'team' ? null : (prev.assigneeId ?? me.user.id),
                  }));
                }}
                data={[
                  { value: 'user', label: t('form.toPerson') },
                  { value: 'team', label: t('form.toTeam') },
                ]}
                data-testid="task-assign-to"
              />
            </Stack>
            {v.assignTo === 'team' ? (
              <TeamPicker
                label={t('fields.team')}
                required
                value={v.teamId}
                // the member named before may not be one of the new team's
                onChange={(id) => form.setValues((prev) => ({ ...prev, teamId: id, assigneeId: null }))}
                error={form.errors.teamId}
                data-testid="task-team"
              />
            ) : (
              <UserPicker
                label={t('fields.assignee')}
                required
                allowDeselect={false}
                value={v.assigneeId}
                onChange={(id) => form.setFieldValue('assigneeId', id)}
                error={form.errors.assigneeId}
                data-testid="task-assignee"
              />
            )}
          </SimpleGrid>
          {v.assignTo === 'team' ? (
            <UserPicker
              label={t('fields.member')}
              description={t('form.memberHint')}
              clearable
              memberOf={v.teamId}
              value={v.assigneeId}
              onChange={(id) => form.setFieldValue('assigneeId', id)}
              error={form.errors.assigneeId}
              data-testid="task-member"
            />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <CompanyPicker
              label={t('fields.company')}
              placeholder={t('pickers.searchCompany')}
              clearable
              value={v.companyId}
              selectedLabel={task?.companyName ?? defaults?.companyName}
              onChange={(id) =>
                form.setValues((prev) => ({ ...prev, companyId: id, contactId: null, dealId: null }))
              }
              error={form.errors.companyId}
              data-testid="task-company"
            />
            <ContactPicker
              label={t('fields.contact')}
              clearable
              companyId={v.companyId}
              selectedLabel={task?.contactName ?? defaults?.contactName}
              value={v.contactId}
              onChange={(id) => form.setFieldValue('contactId', id)}
              error={form.errors.contactId}
              data-testid="task-contact"
            />
            <DealPicker
              label={t('fields.deal')}
              clearable
              companyId={v.companyId}
              selectedLabel={task?.dealTitle ?? defaults?.dealTitle}
              value={v.dealId}
              onChange={(id) => form.setFieldValue('dealId', id)}
              error={form.errors.dealId}
              data-testid="task-deal"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('fields.recurrence')}
              data={selectData(['none', 'daily', 'weekly', 'monthly'], 'recurrences')}
              allowDeselect={false}
              data-testid="task-recurrence"
              {...form.getInputProps('recurrence')}
            />
            <NumberInput
              label={t('fields.interval')}
              min={1}
              max={365}
              disabled={v.recurrence === 'none'}
              {...form.getInputProps('recurrenceInterval')}
            />
            <LazyDateInput
              label={t('fields.until')}
              clearable
              disabled={v.recurrence === 'none'}
              value={v.recurrenceUntil}
              onChange={(value) => form.setFieldValue('recurrenceUntil', value)}
              error={form.errors.recurrenceUntil}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('fields.reminder')}
              description={v.reminder === 'default' ? t('form.reminderDefaultHint') : undefined}
              data={selectData(['default', 'none', 'custom'], 'reminders')}
              allowDeselect={false}
              data-testid="task-reminder"
              {...form.getInputProps('reminder')}
              onChange={(value) => {
                form.setFieldValue('reminder', (value ?? 'default') as Values['reminder']);
                // a reminder of one's own starts on the due day (or today)
                if (value === 'custom' && !v.reminderDate)
                  form.setFieldValue('reminderDate', v.dueDate ?? todayBusinessDate());
              }}
            />
            {v.reminder === 'custom' ? (
              <>
                <LazyDateInput
                  label={t('fields.reminderDate')}
                  value={v.reminderDate}
                  onChange={(value) => form.setFieldValue('reminderDate', value)}
                  data-testid="task-reminder-date"
                />
                <TextInput
                  label={t('fields.reminderTime')}
                  type="time"
                  data-testid="task-reminder-time"
                  {...form.getInputProps('reminderTime')}
                />
              </>
            ) : null}
          </SimpleGrid>
          <Textarea
            label={t('fields.notes')}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('notes')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="task-save">
              {task ? t('form.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

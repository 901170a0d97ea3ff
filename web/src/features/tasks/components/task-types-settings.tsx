import { Badge, Button, Card, Group, NumberInput, Switch, Table, TextInput } from '@mantine/core';
import { IconArchive, IconArchiveOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateTaskType, type TaskType } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { useForm } from '../../../lib/form';
import { useCreateTaskType, useTaskTypes, useUpdateTaskType } from '../api/tasks-api';
import { taskErrorMessage } from './task-values';

/** A type's name, edited in place and saved when the field is left. */
function NameCell({ type }: { type: TaskType }) {
  const { t } = useTranslation('tasks');
  const notify = useNotify();
  const update = useUpdateTaskType();
  const [name, setName] = useState(type.name);
  const save = () => {
    if (name.trim() === type.name || !name.trim()) return setName(type.name);
    update.mutate(
      { key: type.key, name: name.trim() },
      {
        onSuccess: () => notify.success(t('types.saved')),
        onError: (err) => notify.error(taskErrorMessage(err, t)),
      },
    );
  };
  return (
    <TextInput
      size="xs"
      aria-label={t('types.name')}
      value={name}
      onChange={(e) => setName(e.currentTarget.value)}
      onBlur={save}
      onKeyDown={(e) => e.key === 'Enter' && save()}
      data-testid={`task-type-name-${type.key}`}
    />
  );
}

/** Task types: the built-in ones (rename, archive) and the company's own (add, rename, archive). */
export function TaskTypesSettings() {
  const { t } = useTranslation('tasks');
  const notify = useNotify();
  const types = useTaskTypes();
  const create = useCreateTaskType();
  const update = useUpdateTaskType();
  const form = useForm({
    key: '',
    name: '',
    isActivity: false,
    defaultDurationMinutes: 30 as number | string,
  });

  const add = (event: React.FormEvent) => {
    event.preventDefault();
    const body = form.validate(CreateTaskType, {
      ...form.values,
      defaultDurationMinutes: Number(form.values.defaultDurationMinutes) || 0,
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (created) => {
        notify.success(t('types.created', { name: created.name }));
        form.reset({ key: '', name: '', isActivity: false, defaultDurationMinutes: 30 });
      },
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(taskErrorMessage(err, t));
      },
    });
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="task-types">
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('types.key')}</Table.Th>
            <Table.Th>{t('types.name')}</Table.Th>
            <Table.Th>{t('types.activity')}</Table.Th>
            <Table.Th>{t('types.duration')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(types.data ?? []).map((type) => (
            <Table.Tr
              key={type.key}
              data-testid="task-type-row"
              data-key={type.key}
              data-archived={type.archived}
            >
              <Table.Td>
                <Group gap={6}>
                  <code>{type.key}</code>
                  {type.builtin ? (
                    <Badge size="xs" variant="light">
                      {t('types.builtin')}
                    </Badge>
                  ) : null}
                  {type.archived ? (
                    <Badge size="xs" color="gray">
                      {t('types.archived')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <NameCell key={type.name} type={type} />
              </Table.Td>
              <Table.Td>{type.isActivity ? t('types.yes') : t('types.no')}</Table.Td>
              <Table.Td>{t('detail.minutes', { count: type.defaultDurationMinutes })}</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  leftSection={type.archived ? <IconArchiveOff size={14} /> : <IconArchive size={14} />}
                  onClick={() =>
                    update.mutate(
                      { key: type.key, archived: !type.archived },
                      { onError: (err) => notify.error(taskErrorMessage(err, t)) },
                    )
                  }
                  data-testid={`task-type-archive-${type.key}`}
                >
                  {type.archived ? t('types.unarchive') : t('types.archive')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={add} noValidate>
        <Group mt="md" align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('types.key')}
            description={t('types.keyHint')}
            w={180}
            data-testid="task-type-key"
            {...form.getInputProps('key')}
          />
          <TextInput
            label={t('types.name')}
            w={200}
            data-testid="task-type-new-name"
            {...form.getInputProps('name')}
          />
          <NumberInput
            label={t('types.duration')}
            w={120}
            min={0}
            hideControls
            {...form.getInputProps('defaultDurationMinutes')}
          />
          <Switch label={t('types.activity')} mb={8} {...form.getCheckboxProps('isActivity')} />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} />}
            loading={create.isPending}
            data-testid="task-type-add"
          >
            {t('types.add')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

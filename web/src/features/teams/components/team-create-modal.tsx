import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateTeam, type Team } from '../../../../../contracts/identity';
import { useNotify } from '../../../components/notifications';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useCreateTeam } from '../api/teams-api';

interface Values extends Record<string, unknown> {
  name: string;
  description: string;
}

const empty = (): Values => ({ name: '', description: '' });

export function TeamCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated?: (team: Team) => void;
}) {
  const { t } = useTranslation('teams');
  const notify = useNotify();
  const form = useForm<Values>(empty());
  const create = useCreateTeam();

  const close = () => {
    form.reset(empty());
    create.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = form.validate(CreateTeam, {
      name: form.values.name,
      description: form.values.description.trim() || null,
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (team) => {
        notify.success(t('create.done', { name: team.name }));
        onCreated?.(team);
        close();
      },
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('create.title')} data-testid="team-create-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('fields.name')}
            required
            data-autofocus
            data-testid="team-name"
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('fields.description')}
            autosize
            minRows={2}
            maxRows={6}
            data-testid="team-description"
            {...form.getInputProps('description')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="team-save">
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateUser, type User } from '../../../../../contracts/identity';
import { useNotify } from '../../../components/notifications';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { currentLanguage } from '../../../lib/i18n';
import { useCreateUser } from '../api/users-api';
import { ManagerSelect } from './manager-select';
import { localeOptions, roleOptions } from './options';

interface Values extends Record<string, unknown> {
  email: string;
  name: string;
  password: string;
  role: string | null;
  locale: string | null;
  managerId: string | null;
}

const empty = (): Values => ({
  email: '',
  name: '',
  password: '',
  role: 'sales',
  locale: currentLanguage(),
  managerId: null,
});

export function UserCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated?: (user: User) => void;
}) {
  const { t } = useTranslation('users');
  const notify = useNotify();
  const form = useForm<Values>(empty());
  const create = useCreateUser();

  const close = () => {
    form.reset(empty());
    create.reset();
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = form.validate(CreateUser);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (user) => {
        notify.success(t('create.done', { name: user.name }));
        onCreated?.(user);
        close();
      },
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title={t('create.title')} data-testid="user-create-modal">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('fields.email')}
            type="email"
            autoComplete="off"
            required
            data-autofocus
            data-testid="user-email"
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('fields.name')}
            required
            data-testid="user-name"
            {...form.getInputProps('name')}
          />
          <PasswordInput
            label={t('fields.initialPassword')}
            description={t('hints.password')}
            autoComplete="new-password"
            required
            data-testid="user-password"
            {...form.getInputProps('password')}
          />
          <Group grow align="flex-start">
            <Select
              label={t('fields.role')}
              data={roleOptions(t)}
              allowDeselect={false}
              required
              data-testid="user-role"
              {...form.getInputProps('role')}
            />
            <Select
              label={t('fields.locale')}
              data={localeOptions(t)}
              allowDeselect={false}
              required
              data-testid="user-locale"
              {...form.getInputProps('locale')}
            />
          </Group>
          <ManagerSelect userId={null} testId="user-manager" {...form.getInputProps('managerId')} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="user-save">
              {t('create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

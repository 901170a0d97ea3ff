import { Alert, Button, Group, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateUser, type User } from '../../../../../contracts/identity';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useUpdateUser } from '../api/users-api';
import { ManagerSelect } from './manager-select';
import { localeOptions, roleOptions } from './options';

interface Values extends Record<string, unknown> {
  name: string;
  role: string | null;
  locale: string | null;
  active: boolean;
  password: string;
  managerId: string | null;
}

const fromUser = (user: User): Values => ({
  name: user.name,
  role: user.role,
  locale: user.locale,
  active: user.active,
  password: '',
  managerId: user.managerId,
});

/**
 * Edits name, role, language, manager and status of a user (and optionally sets a new password).
 * Sends only changed fields with the version it was loaded with; a 409 offers a reload.
 */
export function UserEditForm({
  user,
  canManage,
  isSelf,
  onReload,
}: {
  user: User;
  canManage: boolean;
  isSelf: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('users');
  const notify = useNotify();
  const form = useForm<Values>(fromUser(user));
  const [version, setVersion] = useState(user.version);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const update = useUpdateUser();

  // A newer version arrived (a refetch): take it over unless the user is typing; then saving
  // reports the conflict instead of silently overwriting someone else's change.
  // biome-ignore lint/correctness/useExhaustiveDependencies: react to a new version only
  useEffect(() => {
    if (user.version !== version && !form.isDirty) {
      form.reset(fromUser(user));
      setVersion(user.version);
    }
  }, [user.version]);

  const buildBody = () => {
    const v = form.values;
    const initial = form.baseline;
    const body: Record<string, unknown> = { version };
    if (v.name !== initial.name) body.name = v.name;
    if (v.role !== initial.role) body.role = v.role;
    if (v.locale !== initial.locale) body.locale = v.locale;
    if (v.active !== initial.active) body.active = v.active;
    if (v.password) body.password = v.password;
    if (v.managerId !== initial.managerId) body.managerId = v.managerId;
    return body;
  };

  const save = () => {
    const body = form.validate(UpdateUser, buildBody());
    if (!body) return;
    update.mutate(
      { id: user.id, ...body },
      {
        onSuccess: (saved) => {
          setConfirmDeactivate(false);
          form.reset(fromUser(saved));
          setVersion(saved.version);
          notify.success(t('edit.done'));
        },
        onError: (err) => {
          setConfirmDeactivate(false);
          if (isConflict(err)) {
            setConflict(true);
            return;
          }
          if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
        },
      },
    );
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (form.baseline.active && !form.values.active) setConfirmDeactivate(true);
    else save();
  };

  const reload = async () => {
    setReloading(true);
    try {
      const fresh = (await onReload()) as { data?: User } | undefined;
      const next = fresh?.data ?? user;
      form.reset(fromUser(next));
      setVersion(next.version);
      setConflict(false);
    } finally {
      setReloading(false);
    }
  };

  const readOnly = !canManage;

  return (
    <form onSubmit={submit} noValidate data-testid="user-edit-form">
      <Stack gap="sm">
        {conflict ? <ConflictAlert onReload={() => void reload()} reloading={reloading} /> : null}
        <TextInput
          label={t('fields.name')}
          required
          readOnly={readOnly}
          data-testid="user-edit-name"
          {...form.getInputProps('name')}
        />
        <TextInput label={t('fields.email')} value={user.email} readOnly disabled />
        <Group grow align="flex-start">
          <Select
            label={t('fields.role')}
            data={roleOptions(t)}
            allowDeselect={false}
            readOnly={readOnly || isSelf}
            description={isSelf && canManage ? t('hints.ownRole') : undefined}
            data-testid="user-edit-role"
            {...form.getInputProps('role')}
          />
          <Select
            label={t('fields.locale')}
            data={localeOptions(t)}
            allowDeselect={false}
            readOnly={readOnly}
            data-testid="user-edit-locale"
            {...form.getInputProps('locale')}
          />
        </Group>
        <ManagerSelect
          userId={user.id}
          readOnly={readOnly}
          testId="user-edit-manager"
          {...form.getInputProps('managerId')}
        />
        <Switch
          label={t('fields.active')}
          description={isSelf && canManage ? t('hints.ownStatus') : t('hints.active')}
          disabled={readOnly || isSelf}
          data-testid="user-active"
          {...form.getCheckboxProps('active')}
        />
        {canManage ? (
          <PasswordInput
            label={t('fields.newPassword')}
            description={t('hints.newPassword')}
            autoComplete="new-password"
            data-testid="user-edit-password"
            {...form.getInputProps('password')}
          />
        ) : (
          <Alert color="gray" icon={<IconInfoCircle size={16} />}>
            {t('hints.readOnly')}
          </Alert>
        )}
        {canManage ? (
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => form.reset()}
              disabled={!form.isDirty || update.isPending}
            >
              {t('common:actions.discard')}
            </Button>
            <Button
              type="submit"
              loading={update.isPending}
              disabled={!form.isDirty || conflict}
              data-testid="user-edit-save"
            >
              {t('common:actions.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      <ConfirmDialog
        opened={confirmDeactivate}
        title={t('deactivate.title')}
        message={t('deactivate.message', { name: user.name })}
        confirmLabel={t('deactivate.confirm')}
        danger
        loading={update.isPending}
        onConfirm={save}
        onCancel={() => setConfirmDeactivate(false)}
      />
    </form>
  );
}

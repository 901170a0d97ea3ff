import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UpdateMe, type User } from '../../../../../contracts/identity';
import { useNotify } from '../../../components/notifications';
import { isApiError, isConflict } from '../../../lib/api';
import { useUpdateMe } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';

interface Values extends Record<string, unknown> {
  currentPassword: string;
  password: string;
  confirm: string;
}

const empty = (): Values => ({ currentPassword: '', password: '', confirm: '' });

/** Changes the user's own password; asks for the current one. */
export function PasswordForm({ user, onReload }: { user: User; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation('auth');
  const notify = useNotify();
  const form = useForm<Values>(empty());
  const updateMe = useUpdateMe();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!form.values.currentPassword) {
      form.setFieldError('currentPassword', t('validation:required'));
      return;
    }
    const parsed = form.validate(UpdateMe, {
      version: user.version,
      currentPassword: form.values.currentPassword,
      password: form.values.password,
    });
    if (!parsed) return;
    if (form.values.password !== form.values.confirm) {
      form.setFieldError('confirm', t('password.mismatch'));
      return;
    }
    try {
      await updateMe.mutateAsync(parsed);
      form.reset(empty());
      notify.success(t('password.changed'));
    } catch (err) {
      if (isConflict(err)) {
        // only the version is stale (a language change elsewhere): the password change is safe to retry
        const fresh = (await onReload()) as { data?: { user: User } | null } | undefined;
        const version = fresh?.data?.user.version;
        if (version) {
          try {
            await updateMe.mutateAsync({ ...parsed, version });
            form.reset(empty());
            notify.success(t('password.changed'));
            return;
          } catch (retryErr) {
            notify.error(errorMessage(retryErr, t));
            return;
          }
        }
      }
      if (isApiError(err, 400) || isApiError(err, 401) || isApiError(err, 403) || isApiError(err, 422)) {
        if (!form.setServerErrors(err)) form.setFieldError('currentPassword', t('password.wrongCurrent'));
        return;
      }
      notify.error(errorMessage(err, t));
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="password-form">
      <Stack gap="sm">
        <PasswordInput
          label={t('password.current')}
          autoComplete="current-password"
          required
          data-testid="password-current"
          {...form.getInputProps('currentPassword')}
        />
        <PasswordInput
          label={t('password.new')}
          description={t('password.hint')}
          autoComplete="new-password"
          required
          data-testid="password-new"
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label={t('password.confirm')}
          autoComplete="new-password"
          required
          data-testid="password-confirm"
          {...form.getInputProps('confirm')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={updateMe.isPending} data-testid="password-save">
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

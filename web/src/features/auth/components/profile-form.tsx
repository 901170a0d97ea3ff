import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Locale, UpdateMe, type User } from '../../../../../contracts/identity';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useUpdateMe } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { applyLanguage, isAppLocale } from '../../../lib/i18n';

interface Values extends Record<string, unknown> {
  name: string;
  locale: string | null;
}

const fromUser = (user: User): Values => ({ name: user.name, locale: user.locale });

/** The user's own name and language. */
export function ProfileForm({ user, onReload }: { user: User; onReload: () => Promise<unknown> }) {
  const { t } = useTranslation('auth');
  const notify = useNotify();
  const form = useForm<Values>(fromUser(user));
  const [conflict, setConflict] = useState(false);
  const updateMe = useUpdateMe();

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow a new version unless the user is typing
  useEffect(() => {
    if (!form.isDirty) form.reset(fromUser(user));
  }, [user.version]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body: Record<string, unknown> = { version: user.version };
    if (form.values.name !== form.baseline.name) body.name = form.values.name;
    if (form.values.locale !== form.baseline.locale) body.locale = form.values.locale;
    const parsed = form.validate(UpdateMe, body);
    if (!parsed) return;
    updateMe.mutate(parsed, {
      onSuccess: async (saved) => {
        form.reset(fromUser(saved));
        if (isAppLocale(saved.locale)) await applyLanguage(saved.locale);
        notify.success(t('profile.saved'));
      },
      onError: (err) => {
        if (isConflict(err)) setConflict(true);
        else if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="profile-form">
      <Stack gap="sm">
        {conflict ? (
          <ConflictAlert
            onReload={async () => {
              await onReload();
              form.reset();
              setConflict(false);
            }}
          />
        ) : null}
        <TextInput
          label={t('profile.name')}
          required
          data-testid="profile-name"
          {...form.getInputProps('name')}
        />
        <TextInput label={t('profile.email')} value={user.email} readOnly disabled />
        <Select
          label={t('profile.language')}
          data={Locale.options.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
          allowDeselect={false}
          data-testid="profile-locale"
          {...form.getInputProps('locale')}
        />
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={updateMe.isPending}
            disabled={!form.isDirty}
            data-testid="profile-save"
          >
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

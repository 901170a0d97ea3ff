import { Button, Group, Loader, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateWorkSettings, type WorkSettings } from '../../../../../contracts/work';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useUpdateWorkSettings, useWorkSettings } from '../api/notifications-api';

interface Values extends Record<string, unknown> {
  reminderMinutesBefore: number | string;
  allDayReminderTime: string;
  emailReminders: boolean;
  dailyDigest: boolean;
}

const fromSettings = (s: WorkSettings): Values => ({ ...s });

/** "Reminders & notifications" on the profile page: the user's defaults for reminders and mail. */
export function WorkSettingsForm() {
  const { t } = useTranslation('notifications');
  const notify = useNotify();
  const settings = useWorkSettings();
  const update = useUpdateWorkSettings();
  const form = useForm<Values>({
    reminderMinutesBefore: 15,
    allDayReminderTime: '09:00',
    emailReminders: true,
    dailyDigest: false,
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once the settings arrive
  useEffect(() => {
    if (settings.data && !form.isDirty) form.reset(fromSettings(settings.data));
  }, [settings.data]);

  if (settings.isPending) return <Loader size="sm" />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => settings.refetch()} />;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minutes = form.values.reminderMinutesBefore;
    const parsed = form.validate(UpdateWorkSettings, {
      ...form.values,
      reminderMinutesBefore: typeof minutes === 'number' ? minutes : Number.NaN,
    });
    if (!parsed) return;
    update.mutate(parsed, {
      onSuccess: (saved) => {
        form.reset(fromSettings(saved));
        notify.success(t('settings.saved'));
      },
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="work-settings-form">
      <Stack gap="sm">
        <NumberInput
          label={t('settings.minutesBefore')}
          description={t('settings.minutesBeforeHint')}
          min={0}
          max={10080}
          step={5}
          allowDecimal={false}
          data-testid="work-settings-minutes"
          {...form.getInputProps('reminderMinutesBefore')}
        />
        <TextInput
          type="time"
          label={t('settings.allDayTime')}
          description={t('settings.allDayTimeHint')}
          data-testid="work-settings-time"
          {...form.getInputProps('allDayReminderTime')}
        />
        <Switch
          label={t('settings.emailReminders')}
          description={t('settings.emailRemindersHint')}
          data-testid="work-settings-email"
          {...form.getCheckboxProps('emailReminders')}
        />
        <Switch
          label={t('settings.dailyDigest')}
          description={t('settings.dailyDigestHint')}
          data-testid="work-settings-digest"
          {...form.getCheckboxProps('dailyDigest')}
        />
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={update.isPending}
            disabled={!form.isDirty}
            data-testid="work-settings-save"
          >
            {t('settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

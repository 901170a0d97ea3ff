import { Button, Group, Modal, MultiSelect, Stack, Switch, TextInput } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateWebhook, UpdateWebhook } from '../../../../../contracts/webhooks';
import { useNotify } from '../../../components/notifications';
import { ApiError } from '../../../lib/api';
import { useForm } from '../../../lib/form';
import {
  useCreateWebhook,
  useUpdateWebhook,
  type Webhook,
  type WebhookWithSecret,
} from '../api/webhooks-api';
import { eventGroups } from '../event-groups';
import { webhookErrorMessage } from '../webhook-errors';

interface Values extends Record<string, unknown> {
  name: string;
  url: string;
  events: string[];
  active: boolean;
}

const valuesOf = (hook: Webhook | null): Values =>
  hook
    ? { name: hook.name, url: hook.url, events: hook.events, active: hook.active }
    : { name: '', url: '', events: [], active: true };

/**
 * Creates a webhook (then hands the new secret to `onCreated`, to be shown once) or edits one
 * (`webhook` set): name, target URL, the event types it receives, active.
 */
export function WebhookFormModal({
  opened,
  webhook,
  onClose,
  onCreated,
}: {
  opened: boolean;
  webhook: Webhook | null;
  onClose: () => void;
  onCreated: (hook: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation('webhooks');
  const notify = useNotify();
  const form = useForm<Values>(valuesOf(webhook));
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const { reset } = form;

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over when opened for another webhook
  useEffect(() => {
    if (opened) reset(valuesOf(webhook));
  }, [opened, webhook?.id, webhook?.version]);

  const data = useMemo(
    () =>
      eventGroups().map(({ group, events }) => ({
        group: t(`groups.${group}`, { defaultValue: group }),
        items: events.map((e) => ({ value: e, label: e })),
      })),
    [t],
  );

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.problem.code === 'webhooks.invalid_url') {
      form.setFieldError('url', t('errors.invalidUrl'));
      return;
    }
    // webhooks.in_use names rules, not form fields
    if (err instanceof ApiError && err.problem.code === 'webhooks.in_use') {
      notify.error(webhookErrorMessage(err, t));
      return;
    }
    if (!form.setServerErrors(err)) notify.error(webhookErrorMessage(err, t));
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { ...form.values, name: form.values.name.trim(), url: form.values.url.trim() };
    if (webhook) {
      const body = form.validate(UpdateWebhook, { ...input, version: webhook.version });
      if (!body) return;
      update.mutate(
        { id: webhook.id, body },
        {
          onSuccess: () => {
            notify.success(t('form.saved', { name: input.name }));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const body = form.validate(CreateWebhook, input);
    if (!body) return;
    create.mutate(body, {
      onSuccess: (hook) => {
        onClose();
        onCreated(hook);
      },
      onError,
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={webhook ? t('form.editTitle') : t('form.createTitle')}
      size="lg"
      data-testid="webhook-form-modal"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('fields.name')}
            required
            data-autofocus
            data-testid="webhook-name"
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('fields.url')}
            description={t('form.urlHint')}
            placeholder="https://erp.example.com/hooks/kontor"
            required
            data-testid="webhook-url"
            {...form.getInputProps('url')}
          />
          <MultiSelect
            label={t('fields.events')}
            description={t('form.eventsHint')}
            data={data}
            searchable
            clearable
            required
            maxDropdownHeight={320}
            nothingFoundMessage={t('form.noEvent')}
            data-testid="webhook-events"
            {...form.getInputProps('events')}
          />
          <Switch
            label={t('fields.active')}
            data-testid="webhook-active"
            {...form.getCheckboxProps('active')}
          />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="webhook-save">
              {webhook ? t('common:actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

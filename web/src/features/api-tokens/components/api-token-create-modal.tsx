import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateApiToken } from '../../../../../contracts/identity';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { ShownOnceSecret } from '../../../components/shown-once-secret';
import { useSession } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { type CreatedApiTokenItem, useCreateApiToken } from '../api/api-tokens-api';
import { type DomainLevels, defaultLevels, domainsForRole, levelsToScopes } from '../scope-values';
import { ScopePicker } from './scope-picker';

const PRESETS = ['30', '90', '365', 'never', 'custom'] as const;
type Expiry = (typeof PRESETS)[number];

interface Values extends Record<string, unknown> {
  name: string;
  expiry: Expiry;
  expiresOn: string | null;
  levels: DomainLevels;
}

/** End of the chosen day in the browser's time zone, as a UTC instant. */
function endOfDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 23, 59, 59).toISOString();
}

function expiresAt(values: Values): string | null | undefined {
  if (values.expiry === 'never') return null;
  if (values.expiry === 'custom') return values.expiresOn ? endOfDay(values.expiresOn) : undefined;
  return new Date(Date.now() + Number(values.expiry) * 86_400_000).toISOString();
}

/** Creates a token and shows it exactly once, with a copy button and a warning. */
export function ApiTokenCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation('tokens');
  const notify = useNotify();
  const { role } = useSession().user;
  const empty = (): Values => ({ name: '', expiry: '90', expiresOn: null, levels: defaultLevels(role) });
  const form = useForm<Values>(empty());
  const create = useCreateApiToken();
  const [created, setCreated] = useState<CreatedApiTokenItem | null>(null);

  const close = () => {
    form.reset(empty());
    create.reset();
    setCreated(null);
    onClose();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (form.values.expiry === 'custom' && !form.values.expiresOn) {
      form.setFieldError('expiresOn', t('validation:required'));
      return;
    }
    const scopes = levelsToScopes(form.values.levels);
    if (scopes.length === 0) {
      form.setFieldError('levels', t('scopes.required'));
      return;
    }
    const body = form.validate(CreateApiToken, {
      name: form.values.name,
      expiresAt: expiresAt(form.values),
      scopes,
    });
    if (!body) return;
    create.mutate(body, {
      onSuccess: (token) => setCreated(token),
      onError: (err) => {
        if (!form.setServerErrors(err)) notify.error(errorMessage(err, t));
      },
    });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('created.title') : t('create.title')}
      closeOnClickOutside={!created}
      size="lg"
      data-testid="token-create-modal"
    >
      {created ? (
        <Stack gap="md">
          <ShownOnceSecret
            name={created.name}
            value={created.token}
            warningTitle={t('created.warningTitle')}
            warning={t('created.warning')}
            copyLabel={t('created.copy')}
            copiedLabel={t('created.copied')}
            testId="token-value"
            copyTestId="token-copy"
          />
          <Group justify="flex-end">
            <Button onClick={close} data-testid="token-done">
              {t('created.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <TextInput
              label={t('fields.name')}
              description={t('create.nameHint')}
              required
              data-autofocus
              data-testid="token-name"
              {...form.getInputProps('name')}
            />
            <Select
              label={t('fields.expiresAt')}
              data={PRESETS.map((p) => ({ value: p, label: t(`create.expiry.${p}`) }))}
              allowDeselect={false}
              data-testid="token-expiry"
              {...form.getInputProps('expiry')}
            />
            {form.values.expiry === 'custom' ? (
              <LazyDateInput
                label={t('create.expiresOn')}
                required
                minDate={todayBusinessDate(Intl.DateTimeFormat().resolvedOptions().timeZone)}
                value={form.values.expiresOn}
                onChange={(value) => form.setFieldValue('expiresOn', value)}
                error={form.errors.expiresOn ?? form.errors.expiresAt}
                data-testid="token-expires-on"
              />
            ) : null}
            <ScopePicker
              domains={domainsForRole(role)}
              value={form.values.levels}
              onChange={(levels) => form.setFieldValue('levels', levels)}
              error={form.errors.levels ?? form.errors.scopes ?? form.errors['scopes.0']}
            />
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="token-save">
                {t('create.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

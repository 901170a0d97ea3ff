import {
  Alert,
  Button,
  Card,
  Center,
  Group,
  Loader,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type BillingSettings, UpdateBillingSettings } from '../../../../../contracts/billing';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useForm } from '../../../lib/form';
import { useTeamLookup } from '../../../lib/record-lookups';
import { useBillingSettings, useUpdateBillingSettings } from '../api/settings-api';
import { DunningSettingsForm } from './dunning-settings-form';

const TEXT_FIELDS = [
  'sellerName',
  'street',
  'postalCode',
  'city',
  'country',
  'vatId',
  'taxNumber',
  'iban',
  'bic',
  'bankName',
  'email',
  'phone',
  'invoiceNumberFormat',
  'creditNoteNumberFormat',
] as const;
const NULLABLE = new Set(['vatId', 'taxNumber', 'bic', 'bankName', 'email', 'phone']);

interface Values extends Record<string, unknown> {
  sellerName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  vatId: string;
  taxNumber: string;
  iban: string;
  bic: string;
  bankName: string;
  email: string;
  phone: string;
  invoiceNumberFormat: string;
  creditNoteNumberFormat: string;
  defaultPaymentDays: number | string;
  graceDays: number | string;
  autoInvoiceOnWon: boolean;
  collectionsTeamId: string | null;
}

function fromSettings(s: BillingSettings): Values {
  return {
    sellerName: s.sellerName,
    street: s.street,
    postalCode: s.postalCode,
    city: s.city,
    country: s.country,
    vatId: s.vatId ?? '',
    taxNumber: s.taxNumber ?? '',
    iban: s.iban,
    bic: s.bic ?? '',
    bankName: s.bankName ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    invoiceNumberFormat: s.invoiceNumberFormat,
    creditNoteNumberFormat: s.creditNoteNumberFormat,
    defaultPaymentDays: s.defaultPaymentDays,
    graceDays: s.graceDays,
    autoInvoiceOnWon: s.autoInvoiceOnWon,
    collectionsTeamId: s.collectionsTeamId,
  };
}

/** The changed fields as `PATCH /api/billing/settings` takes them. */
function changes(v: Values, base: Values, version: number): UpdateBillingSettings {
  const out: Record<string, unknown> = { version };
  for (const key of TEXT_FIELDS) {
    if (v[key] === base[key]) continue;
    const value = v[key].trim();
    out[key] =
      NULLABLE.has(key) && !value ? null : key === 'iban' ? value.replace(/\s+/g, '').toUpperCase() : value;
  }
  for (const key of ['defaultPaymentDays', 'graceDays'] as const) {
    if (v[key] !== base[key]) out[key] = v[key] === '' ? undefined : Number(v[key]);
  }
  if (v.autoInvoiceOnWon !== base.autoInvoiceOnWon) out.autoInvoiceOnWon = v.autoInvoiceOnWon;
  if (v.collectionsTeamId !== base.collectionsTeamId) out.collectionsTeamId = v.collectionsTeamId;
  return out as UpdateBillingSettings;
}

/**
 * The billing settings in two tabs: the invoicing data and rules, and the dunning schedule
 * (`?tab=dunning` opens the second).
 */
export function BillingSettingsForm() {
  const { t } = useTranslation('billing');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'dunning' ? 'dunning' : 'invoicing';
  return (
    <Tabs
      value={tab}
      onChange={(next) =>
        setParams(
          (prev) => {
            const p = new URLSearchParams(prev);
            if (next === 'dunning') p.set('tab', 'dunning');
            else p.delete('tab');
            return p;
          },
          { replace: true },
        )
      }
      keepMounted={false}
    >
      <Tabs.List mb="lg">
        <Tabs.Tab value="invoicing" data-testid="settings-tab-invoicing">
          {t('dunning:settings.tabInvoicing')}
        </Tabs.Tab>
        <Tabs.Tab value="dunning" data-testid="settings-tab-dunning">
          {t('dunning:settings.tabDunning')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="invoicing">
        <InvoicingSettingsForm />
      </Tabs.Panel>
      <Tabs.Panel value="dunning">
        <DunningSettingsForm />
      </Tabs.Panel>
    </Tabs>
  );
}

/**
 * The seller's data as printed on every invoice (§14 UStG), bank details for the GiroCode, number
 * formats, payment terms, grace days, automatic invoices for won deals and the collections team.
 */
function InvoicingSettingsForm() {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const query = useBillingSettings();
  const save = useUpdateBillingSettings();
  const teams = useTeamLookup();
  const form = useForm<Values>(query.data ? fromSettings(query.data) : ({} as Values));
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const settings = query.data;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when a new version is loaded
  useEffect(() => {
    if (settings) form.reset(fromSettings(settings));
  }, [settings?.version]);

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!settings || form.values.sellerName === undefined) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }

  const submit = async () => {
    setFormError(null);
    const body = changes(form.values, form.baseline, settings.version);
    if (!form.validate(UpdateBillingSettings, body)) return;
    try {
      await save.mutateAsync(body);
      notify.success(t('settings.saved'));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else if (!form.setServerErrors(err)) setFormError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="lg" data-testid="billing-settings">
      {conflict ? (
        <ConflictAlert
          reloading={query.isFetching}
          onReload={() => void query.refetch().then(() => setConflict(false))}
        />
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('settings.seller')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label={t('settings.sellerName')}
            required
            {...form.getInputProps('sellerName')}
            data-testid="settings-seller-name"
          />
          <TextInput
            label={t('fields.street')}
            {...form.getInputProps('street')}
            data-testid="settings-street"
          />
          <Group grow gap="sm">
            <TextInput
              label={t('fields.postalCode')}
              {...form.getInputProps('postalCode')}
              data-testid="settings-postal-code"
            />
            <TextInput label={t('fields.city')} {...form.getInputProps('city')} data-testid="settings-city" />
            <TextInput
              label={t('fields.country')}
              maxLength={2}
              {...form.getInputProps('country')}
              data-testid="settings-country"
            />
          </Group>
          <TextInput
            label={t('settings.vatId')}
            {...form.getInputProps('vatId')}
            data-testid="settings-vat-id"
          />
          <TextInput
            label={t('settings.taxNumber')}
            description={t('settings.taxHint')}
            {...form.getInputProps('taxNumber')}
            data-testid="settings-tax-number"
          />
          <TextInput
            label={t('settings.email')}
            type="email"
            {...form.getInputProps('email')}
            data-testid="settings-email"
          />
          <TextInput
            label={t('settings.phone')}
            {...form.getInputProps('phone')}
            data-testid="settings-phone"
          />
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('settings.bank')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
          <TextInput
            label={t('settings.iban')}
            required
            {...form.getInputProps('iban')}
            data-testid="settings-iban"
          />
          <TextInput label={t('settings.bic')} {...form.getInputProps('bic')} data-testid="settings-bic" />
          <TextInput
            label={t('settings.bankName')}
            {...form.getInputProps('bankName')}
            data-testid="settings-bank-name"
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="xs">
          {t('settings.bankHint')}
        </Text>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('settings.rules')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label={t('settings.invoiceNumberFormat')}
            description={t('settings.numberFormatHint')}
            {...form.getInputProps('invoiceNumberFormat')}
            data-testid="settings-invoice-number-format"
          />
          <TextInput
            label={t('settings.creditNoteNumberFormat')}
            description={t('settings.numberFormatHint')}
            {...form.getInputProps('creditNoteNumberFormat')}
            data-testid="settings-credit-note-number-format"
          />
          <NumberInput
            label={t('settings.defaultPaymentDays')}
            min={0}
            max={365}
            allowDecimal={false}
            {...form.getInputProps('defaultPaymentDays')}
            data-testid="settings-payment-days"
          />
          <NumberInput
            label={t('settings.graceDays')}
            description={t('settings.graceDaysHint')}
            min={0}
            max={90}
            allowDecimal={false}
            {...form.getInputProps('graceDays')}
            data-testid="settings-grace-days"
          />
          <Select
            label={t('settings.collectionsTeam')}
            description={t('settings.collectionsTeamHint')}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            clearable
            searchable
            {...form.getInputProps('collectionsTeamId')}
            data-testid="settings-collections-team"
          />
          <Switch
            mt="lg"
            label={t('settings.autoInvoiceOnWon')}
            description={t('settings.autoInvoiceOnWonHint')}
            {...form.getCheckboxProps('autoInvoiceOnWon')}
            data-testid="settings-auto-invoice"
          />
        </SimpleGrid>
      </Card>
      {formError ? (
        <Alert color="red" data-testid="settings-error">
          {formError}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" disabled={!form.isDirty} onClick={() => form.reset()}>
          {t('actions.discard')}
        </Button>
        <Button
          onClick={() => void submit()}
          loading={save.isPending}
          disabled={!form.isDirty}
          data-testid="settings-save"
        >
          {t('actions.save')}
        </Button>
      </Group>
    </Stack>
  );
}

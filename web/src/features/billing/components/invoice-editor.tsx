import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateInvoice, type Invoice, UpdateInvoice } from '../../../../../contracts/billing';
import { ConflictAlert } from '../../../components/conflict-alert';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { CompanyPicker } from '../../../components/record-pickers';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { issuesToErrors, useForm } from '../../../lib/form';
import { useCompanyLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { useCreateInvoice, useUpdateInvoice } from '../api/invoices-api';
import { InvoiceLinesEditor } from './invoice-lines-editor';
import { InvoiceTotals } from './invoice-totals';
import {
  buyerFromCompany,
  emptyInvoiceValues,
  type InvoiceValues,
  mapErrorPaths,
  previewTotals,
  reverseChargeLacksVatId,
  valuesFromInvoice,
  valuesToInput,
} from './invoice-values';

/**
 * Creates an invoice for a company or edits a draft: the buyer (prefilled from the company), lines
 * with live totals and VAT per rate (computed like the server does), service date or period, payment
 * terms with optional cash discount, buyer reference / Leitweg-ID, intro text and notes.
 * Validated with the contract's schema; server field errors land on the fields.
 */
export function InvoiceEditor({
  invoice,
  companyId,
  onSaved,
  onCancel,
  onReload,
}: {
  /** A draft to edit; without, a new invoice is created. */
  invoice?: Invoice;
  /** Preset buyer company of a new invoice. */
  companyId?: string | null;
  onSaved: (invoice: Invoice) => void;
  onCancel: () => void;
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const notify = useNotify();
  const form = useForm<InvoiceValues>(
    invoice ? valuesFromInvoice(invoice) : emptyInvoiceValues(companyId ?? null),
  );
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateInvoice();
  const update = useUpdateInvoice();
  const saving = create.isPending || update.isPending;
  const v = form.values;
  const company = useCompanyLookup(v.companyId);
  const decimal = fmt.locale === 'de' ? ',' : '.';

  // a new invoice takes the buyer's address, VAT ID and payment terms from the chosen company
  const prefilledFor = useRef<string | null>(invoice ? invoice.companyId : null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: prefill once per chosen company
  useEffect(() => {
    if (invoice || !company.data || prefilledFor.current === company.data.id) return;
    prefilledFor.current = company.data.id;
    form.setValues((prev) => ({ ...prev, ...buyerFromCompany(company.data) }));
  }, [company.data, invoice]);

  const totals = previewTotals(v.lines);

  const submit = async () => {
    setFormError(null);
    const body = valuesToInput(v);
    const schema = invoice ? UpdateInvoice : CreateInvoice;
    const candidate = invoice
      ? { ...body, version: invoice.version }
      : { ...body, companyId: v.companyId ?? '' };
    const parsed = schema.safeParse(candidate);
    if (!parsed.success) {
      form.setErrors(mapErrorPaths(issuesToErrors(parsed.error.issues, t, candidate)));
      return;
    }
    try {
      const saved = invoice
        ? await update.mutateAsync({ id: invoice.id, ...body, version: invoice.version })
        : await create.mutateAsync({ ...body, companyId: v.companyId ?? '' });
      notify.success(invoice ? t('editor.saved') : t('editor.created'));
      onSaved(saved);
    } catch (err) {
      if (isConflict(err)) {
        setConflict(true);
        return;
      }
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        form.setErrors(mapErrorPaths(err.fieldErrors));
      }
      setFormError(errorMessage(err, t));
    }
  };

  return (
    <Stack gap="lg" data-testid="invoice-editor">
      {conflict && onReload ? (
        <ConflictAlert
          reloading={false}
          onReload={() =>
            void onReload().then(() => {
              setConflict(false);
            })
          }
        />
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('editor.buyer')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <CompanyPicker
            label={t('fields.company')}
            placeholder={t('pickers.searchCompany')}
            value={v.companyId}
            onChange={(id) => form.setFieldValue('companyId', id)}
            disabled={Boolean(invoice)}
            required
            error={form.errors.companyId}
            data-testid="invoice-company"
          />
          <TextInput
            label={t('fields.buyerName')}
            required
            {...form.getInputProps('buyerName')}
            data-testid="invoice-buyer-name"
          />
          <TextInput
            label={t('fields.street')}
            {...form.getInputProps('buyerStreet')}
            data-testid="invoice-buyer-street"
          />
          <Group gap="sm" grow>
            <TextInput
              label={t('fields.postalCode')}
              {...form.getInputProps('buyerPostalCode')}
              data-testid="invoice-buyer-postal-code"
            />
            <TextInput
              label={t('fields.city')}
              {...form.getInputProps('buyerCity')}
              data-testid="invoice-buyer-city"
            />
            <TextInput
              label={t('fields.country')}
              maxLength={2}
              {...form.getInputProps('buyerCountry')}
              data-testid="invoice-buyer-country"
            />
          </Group>
          <TextInput
            label={t('fields.buyerVatId')}
            {...form.getInputProps('buyerVatId')}
            description={
              reverseChargeLacksVatId(v) ? (
                <Text component="span" size="xs" c="orange" data-testid="invoice-reverse-charge-hint">
                  {t('dunning:editor.reverseChargeNeedsVatId')}
                </Text>
              ) : undefined
            }
            data-testid="invoice-buyer-vat-id"
          />
          <TextInput
            label={t('fields.buyerReference')}
            description={t('fields.buyerReferenceHint')}
            {...form.getInputProps('buyerReference')}
            data-testid="invoice-buyer-reference"
          />
          <TextInput
            label={t('fields.buyerEmail')}
            type="email"
            {...form.getInputProps('buyerEmail')}
            data-testid="invoice-buyer-email"
          />
          <Checkbox
            mt="xs"
            label={t('dunning:editor.buyerIsConsumer')}
            description={t('dunning:editor.buyerIsConsumerHint')}
            {...form.getCheckboxProps('buyerIsConsumer')}
            data-testid="invoice-buyer-is-consumer"
          />
        </SimpleGrid>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('editor.lines')}
        </Title>
        <InvoiceLinesEditor
          lines={v.lines}
          onChange={(lines) => form.setFieldValue('lines', lines)}
          errors={form.errors}
        />
        <InvoiceTotals totals={totals} />
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('editor.terms')}
        </Title>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('fields.service')}
            </Text>
            <SegmentedControl
              value={v.serviceMode}
              onChange={(mode) => form.setFieldValue('serviceMode', mode as InvoiceValues['serviceMode'])}
              data={[
                { value: 'date', label: t('editor.serviceDate') },
                { value: 'period', label: t('editor.servicePeriod') },
                { value: 'none', label: t('editor.serviceIsIssueDate') },
              ]}
              data-testid="invoice-service-mode"
            />
          </div>
          {v.serviceMode === 'date' ? (
            <LazyDateInput
              label={t('fields.serviceDate')}
              value={v.serviceDate}
              onChange={(d) => form.setFieldValue('serviceDate', d)}
              error={form.errors.serviceDate}
              clearable
              w={220}
              data-testid="invoice-service-date"
            />
          ) : v.serviceMode === 'period' ? (
            <Group gap="sm">
              <LazyDateInput
                label={t('fields.servicePeriodStart')}
                value={v.servicePeriodStart}
                onChange={(d) => form.setFieldValue('servicePeriodStart', d)}
                error={form.errors.servicePeriodStart}
                w={220}
                data-testid="invoice-service-start"
              />
              <LazyDateInput
                label={t('fields.servicePeriodEnd')}
                value={v.servicePeriodEnd}
                onChange={(d) => form.setFieldValue('servicePeriodEnd', d)}
                error={form.errors.servicePeriodEnd}
                w={220}
                data-testid="invoice-service-end"
              />
            </Group>
          ) : null}
          <Group gap="sm" align="flex-start">
            <NumberInput
              label={t('fields.paymentDays')}
              description={t('fields.paymentDaysHint')}
              min={0}
              max={365}
              allowDecimal={false}
              {...form.getInputProps('paymentDays')}
              w={200}
              data-testid="invoice-payment-days"
            />
            <NumberInput
              label={t('fields.cashDiscountPercent')}
              min={0}
              max={100}
              decimalScale={2}
              decimalSeparator={decimal}
              rightSection={<Text size="xs">%</Text>}
              {...form.getInputProps('cashDiscountPercent')}
              w={160}
              data-testid="invoice-cash-discount-percent"
            />
            <NumberInput
              label={t('fields.cashDiscountDays')}
              min={0}
              max={365}
              allowDecimal={false}
              {...form.getInputProps('cashDiscountDays')}
              w={160}
              data-testid="invoice-cash-discount-days"
            />
          </Group>
          <Textarea
            label={t('fields.introText')}
            autosize
            minRows={2}
            {...form.getInputProps('introText')}
            data-testid="invoice-intro-text"
          />
          <Textarea
            label={t('fields.notes')}
            autosize
            minRows={2}
            {...form.getInputProps('notes')}
            data-testid="invoice-notes"
          />
        </Stack>
      </Card>

      {formError ? (
        <Alert color="red" data-testid="invoice-editor-error">
          {formError}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-testid="invoice-editor-cancel">
          {t('actions.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={saving} data-testid="invoice-editor-save">
          {invoice ? t('editor.save') : t('editor.create')}
        </Button>
      </Group>
    </Stack>
  );
}

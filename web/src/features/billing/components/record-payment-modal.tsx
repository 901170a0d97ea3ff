import { Button, Group, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Invoice, RecordPayment } from '../../../../../contracts/billing';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { issuesToErrors } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useRecordPayment } from '../api/invoices-api';
import { toCents } from './invoice-values';
import { paymentMethodOptions } from './options';

/** Records a payment against an issued invoice; the amount starts at what is still open. */
export function RecordPaymentModal({
  opened,
  invoice,
  onClose,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const notify = useNotify();
  const record = useRecordPayment();
  const [amount, setAmount] = useState<number | string>('');
  const [date, setDate] = useState<string | null>(null);
  const [method, setMethod] = useState<string>('bank_transfer');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setAmount(invoice.openCents / 100);
      setDate(todayBusinessDate());
      setMethod('bank_transfer');
      setReference(invoice.number ?? '');
      setErrors({});
      setFormError(null);
    }
  }, [opened, invoice.openCents, invoice.number]);

  const submit = async () => {
    setFormError(null);
    const body = {
      amountCents: toCents(amount) as number,
      date: date ?? '',
      method: method as 'bank_transfer',
      reference: reference.trim() || null,
    };
    const parsed = RecordPayment.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t, body));
      return;
    }
    try {
      await record.mutateAsync({ invoiceId: invoice.id, ...body });
      notify.success(t('payment.recorded', { amount: fmt.money(body.amountCents, 'EUR') }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors);
      setFormError(errorMessage(err, t));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('payment.title')} centered data-testid="payment-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('payment.open', { amount: fmt.money(invoice.openCents, 'EUR') })}
        </Text>
        <NumberInput
          label={t('payment.amount')}
          value={amount}
          onChange={setAmount}
          min={0}
          decimalScale={2}
          fixedDecimalScale
          decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
          thousandSeparator={fmt.locale === 'de' ? '.' : ','}
          rightSection={<Text size="xs">€</Text>}
          error={errors.amountCents}
          required
          data-testid="payment-amount"
        />
        <LazyDateInput
          label={t('payment.date')}
          value={date}
          onChange={setDate}
          error={errors.date}
          required
          data-testid="payment-date"
        />
        <Select
          label={t('payment.method')}
          data={paymentMethodOptions(t)}
          value={method}
          onChange={(v) => setMethod(v ?? 'bank_transfer')}
          allowDeselect={false}
          error={errors.method}
          data-testid="payment-method"
        />
        <TextInput
          label={t('payment.reference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={errors.reference}
          data-testid="payment-reference"
        />
        {formError ? (
          <Text size="sm" c="red" data-testid="payment-error">
            {formError}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button onClick={() => void submit()} loading={record.isPending} data-testid="payment-submit">
            {t('payment.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

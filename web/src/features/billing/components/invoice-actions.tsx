import {
  Button,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  IconCash,
  IconDownload,
  IconFileInvoice,
  IconMail,
  IconPencil,
  IconReceiptRefund,
  IconTrash,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Invoice, RecordPayment } from '../../../../../contracts/billing';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { issuesToErrors } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import {
  documentUrls,
  downloadDocument,
  useCancelInvoice,
  useDeleteInvoice,
  useIssueInvoice,
  useRecordPayment,
  useSendInvoice,
} from '../api/invoices-api';
import { paymentMethodOptions } from './options';

/**
 * What can be done with an invoice, by its status and the user's permissions: edit, delete and issue
 * a draft; download its documents, send it, record a payment and cancel it by a credit note.
 */
export function InvoiceActions({
  invoice,
  onEdit,
  onDeleted,
  onConflict,
  onCancelled,
}: {
  invoice: Invoice;
  onEdit: () => void;
  onDeleted: () => void;
  onConflict: () => void;
  /** After a cancellation: the credit note's id. */
  onCancelled: (creditNoteId: string) => void;
}) {
  const { t } = useTranslation('billing');
  const can = useCan();
  const notify = useNotify();
  const [dialog, setDialog] = useState<'issue' | 'delete' | 'send' | 'payment' | 'cancel' | null>(null);
  const issue = useIssueInvoice();
  const remove = useDeleteInvoice();
  const close = () => setDialog(null);
  const draft = invoice.status === 'draft';
  const urls = documentUrls(invoice.id);

  const fail = (err: unknown) => {
    close();
    if (isConflict(err)) onConflict();
    else if (err instanceof ApiError && err.problem.code === 'billing.seller_incomplete') {
      // the seller's own data (§14 UStG) is incomplete: say what is missing and where to fill it in
      notify.error(
        (err.problem.errors ?? []).map((e) => e.message).join('; ') || errorMessage(err, t),
        t('issue.sellerIncomplete'),
      );
    } else notify.error(errorMessage(err, t));
  };

  const doIssue = async () => {
    try {
      const issued = await issue.mutateAsync({ id: invoice.id, version: invoice.version });
      close();
      notify.success(t('actions.issued', { number: issued.number }));
    } catch (err) {
      fail(err);
    }
  };

  const doDelete = async () => {
    try {
      await remove.mutateAsync({ id: invoice.id, version: invoice.version });
      close();
      notify.success(t('actions.deleted'));
      onDeleted();
    } catch (err) {
      fail(err);
    }
  };

  return (
    <Group gap="sm" data-testid="invoice-actions">
      {draft && can('invoices.write') ? (
        <>
          <Button
            variant="default"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={() => setDialog('delete')}
            data-testid="invoice-delete"
          >
            {t('actions.delete')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={onEdit}
            data-testid="invoice-edit"
          >
            {t('actions.edit')}
          </Button>
        </>
      ) : null}
      {draft && can('invoices.issue') ? (
        <Button
          leftSection={<IconFileInvoice size={16} />}
          onClick={() => setDialog('issue')}
          data-testid="invoice-issue"
        >
          {t('actions.issue')}
        </Button>
      ) : null}
      {!draft ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="invoice-documents"
            >
              {t('actions.documents')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(
              [
                ['pdf', 'invoice-download-pdf', 'pdf'],
                ['ubl', 'invoice-download-ubl', 'xml'],
                ['cii', 'invoice-download-cii', 'xml'],
                ['zugferd', 'invoice-download-zugferd', 'pdf'],
              ] as const
            ).map(([doc, testId, ext]) => (
              <Menu.Item
                key={doc}
                onClick={() =>
                  void downloadDocument(urls[doc], `${invoice.number ?? invoice.id}-${doc}.${ext}`).catch(
                    (err) =>
                      notify.error(
                        err instanceof ApiError && err.problem.errors?.length
                          ? err.problem.errors.map((e) => e.message).join('; ')
                          : errorMessage(err, t),
                        t('documents.failed'),
                      ),
                  )
                }
                data-testid={testId}
              >
                {t(`documents.${doc}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : null}
      {!draft && invoice.status !== 'cancelled' && can('invoices.write') ? (
        <Button
          variant="default"
          leftSection={<IconMail size={16} />}
          onClick={() => setDialog('send')}
          data-testid="invoice-send"
        >
          {t('actions.send')}
        </Button>
      ) : null}
      {invoice.kind === 'invoice' && invoice.status === 'issued' && can('payments.write') ? (
        <Button
          leftSection={<IconCash size={16} />}
          onClick={() => setDialog('payment')}
          data-testid="invoice-record-payment"
        >
          {t('actions.recordPayment')}
        </Button>
      ) : null}
      {invoice.kind === 'invoice' &&
      (invoice.status === 'issued' || invoice.status === 'paid') &&
      !invoice.correctedByInvoiceId &&
      can('invoices.issue') ? (
        <Button
          variant="light"
          color="red"
          leftSection={<IconReceiptRefund size={16} />}
          onClick={() => setDialog('cancel')}
          data-testid="invoice-cancel"
        >
          {t('actions.cancel')}
        </Button>
      ) : null}

      <ConfirmDialog
        opened={dialog === 'issue'}
        title={t('issue.title')}
        message={t('issue.message')}
        confirmLabel={t('issue.confirm')}
        loading={issue.isPending}
        onConfirm={() => void doIssue()}
        onCancel={close}
      />
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={t('delete.title')}
        message={t('delete.message')}
        confirmLabel={t('delete.confirm')}
        danger
        loading={remove.isPending}
        onConfirm={() => void doDelete()}
        onCancel={close}
      />
      <SendInvoiceModal opened={dialog === 'send'} invoice={invoice} onClose={close} />
      <RecordPaymentModal opened={dialog === 'payment'} invoice={invoice} onClose={close} />
      <CancelInvoiceModal
        opened={dialog === 'cancel'}
        invoice={invoice}
        onClose={close}
        onConflict={() => {
          close();
          onConflict();
        }}
        onCancelled={onCancelled}
      />
    </Group>
  );
}

function SendInvoiceModal({
  opened,
  invoice,
  onClose,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
}) {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const send = useSendInvoice();
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setTo(invoice.buyerEmail ?? '');
      setMessage('');
      setError(null);
    }
  }, [opened, invoice.buyerEmail]);

  const submit = async () => {
    if (!to.trim()) {
      setError(t('send.toRequired'));
      return;
    }
    try {
      await send.mutateAsync({ id: invoice.id, to, message });
      notify.success(t('send.sent', { to: to.trim() }));
      onClose();
    } catch (err) {
      setError(err instanceof ApiError && err.fieldErrors.to ? err.fieldErrors.to : errorMessage(err, t));
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('send.title')}
      centered
      data-testid="invoice-send-modal"
    >
      <Stack gap="sm">
        <TextInput
          label={t('send.to')}
          type="email"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={error}
          required
          data-testid="invoice-send-to"
        />
        <Textarea
          label={t('send.message')}
          description={t('send.messageHint')}
          autosize
          minRows={3}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          data-testid="invoice-send-message"
        />
        <Text size="xs" c="dimmed">
          {t('send.attachments')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button onClick={() => void submit()} loading={send.isPending} data-testid="invoice-send-submit">
            {t('send.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function RecordPaymentModal({
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
    const n = typeof amount === 'number' ? amount : Number(amount);
    const body = {
      amountCents:
        amount === '' || !Number.isFinite(n) ? (undefined as unknown as number) : Math.round(n * 100),
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

function CancelInvoiceModal({
  opened,
  invoice,
  onClose,
  onConflict,
  onCancelled,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onConflict: () => void;
  onCancelled: (creditNoteId: string) => void;
}) {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const cancel = useCancelInvoice();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setReason('');
      setError(null);
    }
  }, [opened]);

  const submit = async () => {
    if (!reason.trim()) {
      setError(t('cancel.reasonRequired'));
      return;
    }
    try {
      const result = await cancel.mutateAsync({ id: invoice.id, version: invoice.version, reason });
      notify.success(t('cancel.done', { number: result.creditNote.number }));
      onClose();
      onCancelled(result.creditNote.id);
    } catch (err) {
      if (isConflict(err)) onConflict();
      else
        setError(
          err instanceof ApiError && err.fieldErrors.reason ? err.fieldErrors.reason : errorMessage(err, t),
        );
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('cancel.title')}
      centered
      data-testid="invoice-cancel-modal"
    >
      <Stack gap="sm">
        <Text size="sm">{t('cancel.message', { number: invoice.number })}</Text>
        <Textarea
          label={t('cancel.reason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          required
          data-testid="invoice-cancel-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button
            color="red"
            onClick={() => void submit()}
            loading={cancel.isPending}
            data-testid="invoice-cancel-submit"
          >
            {t('cancel.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group } from '@mantine/core';
import {
  IconCash,
  IconFileInvoice,
  IconMail,
  IconPencil,
  IconReceiptRefund,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { useCan } from '../../../lib/auth';
import { CancelInvoiceModal } from './invoice-cancel-modal';
import { DeleteInvoiceDialog } from './invoice-delete-dialog';
import { InvoiceDocumentsMenu } from './invoice-documents-menu';
import { IssueInvoiceDialog } from './invoice-issue-dialog';
import { SendInvoiceModal } from './invoice-send-modal';
import { RecordPaymentModal } from './record-payment-modal';

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
  const [dialog, setDialog] = useState<'issue' | 'delete' | 'send' | 'payment' | 'cancel' | null>(null);
  const close = () => setDialog(null);
  const draft = invoice.status === 'draft';

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
      {!draft ? <InvoiceDocumentsMenu invoice={invoice} /> : null}
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

      <IssueInvoiceDialog
        opened={dialog === 'issue'}
        invoice={invoice}
        onClose={close}
        onConflict={onConflict}
      />
      <DeleteInvoiceDialog
        opened={dialog === 'delete'}
        invoice={invoice}
        onClose={close}
        onConflict={onConflict}
        onDeleted={onDeleted}
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

import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useCancelInvoice } from '../api/invoices-api';

/** Cancels an issued or paid invoice by a credit note, which needs a reason. */
export function CancelInvoiceModal({
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

import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { useNotify } from '../../../components/notifications';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useSendInvoice } from '../api/invoices-api';

/** Sends an issued invoice by mail to the buyer (or another address) with its documents attached. */
export function SendInvoiceModal({
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

import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { useSendPurchaseOrder } from '../api/purchase-orders-api';
import { purchasingErrorMessage } from './purchasing-errors';

/** Sends an approved order as PDF by e-mail to the supplier (its address prefilled) with a message. */
export function SendPurchaseOrderModal({
  opened,
  po,
  onClose,
  onConflict,
}: {
  opened: boolean;
  po: PurchaseOrder;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation('purchasing');
  const notify = useNotify();
  const send = useSendPurchaseOrder();
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setTo(po.supplierEmail ?? '');
      setMessage('');
      setError(null);
    }
  }, [opened, po.supplierEmail]);

  const submit = async () => {
    if (!to.trim()) {
      setError(t('send.toRequired'));
      return;
    }
    try {
      await send.mutateAsync({ id: po.id, version: po.version, to, message });
      notify.success(t('send.sent', { to: to.trim() }));
      onClose();
    } catch (err) {
      if (isConflict(err)) {
        onClose();
        onConflict();
        return;
      }
      setError(
        err instanceof ApiError && err.fieldErrors.to ? err.fieldErrors.to : purchasingErrorMessage(err, t),
      );
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('send.title')} centered data-testid="po-send-modal">
      <Stack gap="sm">
        <TextInput
          label={t('send.to')}
          type="email"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          error={error}
          required
          data-testid="po-send-to"
        />
        <Textarea
          label={t('send.message')}
          description={t('send.messageHint')}
          autosize
          minRows={3}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          data-testid="po-send-message"
        />
        <Text size="xs" c="dimmed">
          {t('send.attachment', { number: po.number })}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button onClick={() => void submit()} loading={send.isPending} data-testid="po-send-submit">
            {t('send.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useCancelPurchaseOrder } from '../api/purchase-orders-api';
import { purchasingErrorMessage } from './purchasing-errors';

/** Cancels a draft or approved order with a reason (nothing was received yet). */
export function CancelPurchaseOrderModal({
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
  const cancel = useCancelPurchaseOrder();
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
      await cancel.mutateAsync({ id: po.id, version: po.version, reason: reason.trim() });
      notify.success(t('cancel.done', { number: po.number }));
      onClose();
    } catch (err) {
      if (isConflict(err)) {
        onClose();
        onConflict();
        return;
      }
      setError(purchasingErrorMessage(err, t));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('cancel.title')} centered data-testid="po-cancel-modal">
      <Stack gap="sm">
        <Text size="sm">{t('cancel.text', { number: po.number })}</Text>
        <Textarea
          label={t('cancel.reason')}
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          required
          data-testid="po-cancel-reason"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button
            color="red"
            onClick={() => void submit()}
            loading={cancel.isPending}
            data-testid="po-cancel-submit"
          >
            {t('cancel.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

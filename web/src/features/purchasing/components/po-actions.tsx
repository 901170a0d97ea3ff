import { Button, Group } from '@mantine/core';
import {
  IconCheck,
  IconFileTypePdf,
  IconMail,
  IconPackageImport,
  IconPencil,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { purchaseOrderPdfUrl, useApprovePurchaseOrder } from '../api/purchase-orders-api';
import { CancelPurchaseOrderModal } from './po-cancel-modal';
import { ReceiveGoodsModal } from './po-receive-modal';
import { SendPurchaseOrderModal } from './po-send-modal';
import { allowedActions } from './po-values';
import { purchasingErrorMessage } from './purchasing-errors';

/**
 * What can be done with an order, by its status and the user's permissions: a draft is edited,
 * approved (within the user's approval limit) or cancelled; an approved one sent as PDF or cancelled;
 * a sent one receives goods.
 */
export function PurchaseOrderActions({
  po,
  onEdit,
  onConflict,
  onError,
}: {
  po: PurchaseOrder;
  onEdit: () => void;
  onConflict: () => void;
  /** A refused action (over the approval limit …): the page shows the sentence; null clears it. */
  onError: (message: string | null) => void;
}) {
  const { t } = useTranslation('purchasing');
  const can = useCan();
  const notify = useNotify();
  const approve = useApprovePurchaseOrder();
  const [dialog, setDialog] = useState<'send' | 'cancel' | 'receive' | null>(null);
  const close = () => setDialog(null);
  const allowed = allowedActions(po.status, can);

  const doApprove = async () => {
    onError(null);
    try {
      await approve.mutateAsync({ id: po.id, version: po.version });
      notify.success(t('approve.done', { number: po.number }));
    } catch (err) {
      if (isConflict(err)) onConflict();
      else onError(purchasingErrorMessage(err, t));
    }
  };

  return (
    <Group gap="sm" data-testid="po-actions">
      {allowed.has('cancel') ? (
        <Button
          variant="light"
          color="red"
          leftSection={<IconX size={16} />}
          onClick={() => setDialog('cancel')}
          data-testid="po-cancel"
        >
          {t('actions.cancel')}
        </Button>
      ) : null}
      {allowed.has('edit') ? (
        <Button
          variant="default"
          leftSection={<IconPencil size={16} />}
          onClick={onEdit}
          data-testid="po-edit"
        >
          {t('actions.edit')}
        </Button>
      ) : null}
      {allowed.has('pdf') ? (
        <Button
          variant="default"
          component="a"
          href={purchaseOrderPdfUrl(po.id)}
          target="_blank"
          rel="noopener"
          leftSection={<IconFileTypePdf size={16} />}
          data-testid="po-pdf"
        >
          {t('actions.pdf')}
        </Button>
      ) : null}
      {allowed.has('approve') ? (
        <Button
          leftSection={<IconCheck size={16} />}
          onClick={() => void doApprove()}
          loading={approve.isPending}
          disabled={po.lines.length === 0}
          title={po.lines.length === 0 ? t('approve.noLines') : undefined}
          data-testid="po-approve"
        >
          {t('actions.approve')}
        </Button>
      ) : null}
      {allowed.has('send') ? (
        <Button leftSection={<IconMail size={16} />} onClick={() => setDialog('send')} data-testid="po-send">
          {t('actions.send')}
        </Button>
      ) : null}
      {allowed.has('receive') ? (
        <Button
          leftSection={<IconPackageImport size={16} />}
          onClick={() => setDialog('receive')}
          data-testid="po-receive"
        >
          {t('actions.receive')}
        </Button>
      ) : null}

      <SendPurchaseOrderModal opened={dialog === 'send'} po={po} onClose={close} onConflict={onConflict} />
      <CancelPurchaseOrderModal
        opened={dialog === 'cancel'}
        po={po}
        onClose={close}
        onConflict={onConflict}
      />
      <ReceiveGoodsModal opened={dialog === 'receive'} po={po} onClose={close} />
    </Group>
  );
}

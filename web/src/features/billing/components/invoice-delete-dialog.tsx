import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useDeleteInvoice } from '../api/invoices-api';

/** Deletes a draft after a confirmation. */
export function DeleteInvoiceDialog({
  opened,
  invoice,
  onClose,
  onConflict,
  onDeleted,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onConflict: () => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const remove = useDeleteInvoice();

  const submit = async () => {
    try {
      await remove.mutateAsync({ id: invoice.id, version: invoice.version });
      onClose();
      notify.success(t('actions.deleted'));
      onDeleted();
    } catch (err) {
      onClose();
      if (isConflict(err)) onConflict();
      else notify.error(errorMessage(err, t));
    }
  };

  return (
    <ConfirmDialog
      opened={opened}
      title={t('delete.title')}
      message={t('delete.message')}
      confirmLabel={t('delete.confirm')}
      danger
      loading={remove.isPending}
      onConfirm={() => void submit()}
      onCancel={onClose}
    />
  );
}

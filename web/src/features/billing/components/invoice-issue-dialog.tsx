import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useIssueInvoice } from '../api/invoices-api';

/** Issues a draft (gives it its number); says what is missing when the seller's own data is incomplete. */
export function IssueInvoiceDialog({
  opened,
  invoice,
  onClose,
  onConflict,
}: {
  opened: boolean;
  invoice: Invoice;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation('billing');
  const notify = useNotify();
  const issue = useIssueInvoice();

  const submit = async () => {
    try {
      const issued = await issue.mutateAsync({ id: invoice.id, version: invoice.version });
      onClose();
      notify.success(t('actions.issued', { number: issued.number }));
    } catch (err) {
      onClose();
      if (isConflict(err)) onConflict();
      else if (err instanceof ApiError && err.problem.code === 'billing.seller_incomplete') {
        // the seller's own data (§14 UStG) is incomplete: say what is missing and where to fill it in
        notify.error(
          (err.problem.errors ?? []).map((e) => e.message).join('; ') || errorMessage(err, t),
          t('issue.sellerIncomplete'),
        );
      } else notify.error(errorMessage(err, t));
    }
  };

  return (
    <ConfirmDialog
      opened={opened}
      title={t('issue.title')}
      message={t('issue.message')}
      confirmLabel={t('issue.confirm')}
      loading={issue.isPending}
      onConfirm={() => void submit()}
      onCancel={onClose}
    />
  );
}

import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice } from '../../../../../contracts/billing';
import { useNotify } from '../../../components/notifications';
import { ApiError, isConflict } from '../../../lib/api';
import { errorMessage } from '../../../lib/errors';
import { useIssueInvoice } from '../api/invoices-api';
import { issueWarnings } from './invoice-values';

/** The server's refusal to issue a reverse-charge invoice without the buyer's VAT ID (§14a UStG). */
export const REVERSE_CHARGE_NEEDS_VAT_ID = 'billing.reverse_charge_needs_vat_id';

/**
 * Issues a draft (gives it its number). Warns first when the buyer has no e-mail address (the
 * invoice cannot be sent, so no XRechnung goes out by mail) or a reverse-charge line lacks the
 * buyer's VAT ID; says what is missing when the server refuses (seller data incomplete, reverse
 * charge without VAT ID).
 */
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
  const [refusal, setRefusal] = useState<string | null>(null);
  const warnings = issueWarnings(invoice);

  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    setRefusal(null);
    try {
      const issued = await issue.mutateAsync({ id: invoice.id, version: invoice.version });
      close();
      notify.success(t('actions.issued', { number: issued.number }));
    } catch (err) {
      if (err instanceof ApiError && err.problem.code === REVERSE_CHARGE_NEEDS_VAT_ID) {
        // stays open: the reason is shown in the dialog, next to what to do about it
        const own = (err.problem.errors ?? []).some((e) => e.path.startsWith('settings'));
        setRefusal(own ? t('dunning:issue.sellerVatIdRefused') : t('dunning:issue.reverseChargeRefused'));
        return;
      }
      close();
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

  // the shape of the shared ConfirmDialog (same test ids), with room for warnings below the message
  return (
    <Modal opened={opened} onClose={close} title={t('issue.title')} centered data-testid="confirm-dialog">
      <Stack gap="sm">
        <Text size="sm">{t('issue.message')}</Text>
        {warnings.noEmail ? (
          <Alert
            color="yellow"
            icon={<IconAlertTriangle size={16} />}
            title={t('dunning:issue.noEmailTitle')}
            data-testid="issue-warning-no-email"
          >
            {t('dunning:issue.noEmail')}
          </Alert>
        ) : null}
        {warnings.reverseChargeWithoutVatId && !refusal ? (
          <Alert
            color="orange"
            icon={<IconAlertTriangle size={16} />}
            title={t('dunning:issue.reverseChargeTitle')}
            data-testid="issue-warning-reverse-charge"
          >
            {t('dunning:issue.reverseChargeWarning')}
          </Alert>
        ) : null}
        {refusal ? (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={16} />}
            title={t('dunning:issue.refusedTitle')}
            data-testid="issue-refused"
          >
            {refusal}
          </Alert>
        ) : null}
      </Stack>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close} data-testid="confirm-cancel">
          {t('common:actions.cancel')}
        </Button>
        <Button onClick={() => void submit()} loading={issue.isPending} data-testid="confirm-ok">
          {t('issue.confirm')}
        </Button>
      </Group>
    </Modal>
  );
}

import { Anchor, Button, Group, Text } from '@mantine/core';
import { IconFileInvoice } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useNotify } from '../../../components/notifications';
import { useCan } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useDealInvoices, useInvoiceFromDeal } from '../api/invoices-api';

/**
 * On a won deal: "Invoice" creates its draft invoice (`POST /api/deals/:id/invoice`) and opens it;
 * when the deal has an invoice already, a link to it instead.
 */
export function DealInvoiceButton({ dealId, won }: { dealId: string; won: boolean }) {
  const { t } = useTranslation('billing');
  const can = useCan();
  const navigate = useNavigate();
  const notify = useNotify();
  const invoices = useDealInvoices(dealId, { enabled: won && can('invoices.read') });
  const create = useInvoiceFromDeal();
  if (!won || !can('invoices.read')) return null;
  // the current invoice of the deal: not a credit note, the newest not cancelled one first
  const existing =
    invoices.data?.find((i) => i.kind === 'invoice' && i.status !== 'cancelled') ??
    invoices.data?.find((i) => i.kind === 'invoice');
  if (existing) {
    return (
      <Group gap={6} data-testid="deal-invoice-link-wrap">
        <IconFileInvoice size={16} />
        <Anchor component={Link} to={`/invoices/${existing.id}`} data-testid="deal-invoice-link" size="sm">
          {existing.number ?? t('dealInvoice.draft')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t(`status.${existing.status}`)}
        </Text>
      </Group>
    );
  }
  if (!can('invoices.write') || invoices.isPending) return null;
  return (
    <Button
      leftSection={<IconFileInvoice size={16} />}
      loading={create.isPending}
      onClick={() =>
        create.mutate(dealId, {
          onSuccess: (invoice) => navigate(`/invoices/${invoice.id}`),
          onError: (err) => notify.error(errorMessage(err, t)),
        })
      }
      data-testid="deal-invoice-create"
    >
      {t('dealInvoice.create')}
    </Button>
  );
}

import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { InvoicesList } from '../../features/billing';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/invoices`: invoices and credit notes; filters, sort and saved views live in the URL and per user. */
export function InvoicesPage() {
  const { t } = useTranslation('billing');
  const can = useCan();
  return (
    <RequirePermission permission="invoices.read">
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          can('invoices.write') ? (
            <Button
              component={Link}
              to="/invoices/new"
              leftSection={<IconPlus size={16} />}
              data-testid="invoice-create"
            >
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <InvoicesList />
    </RequirePermission>
  );
}

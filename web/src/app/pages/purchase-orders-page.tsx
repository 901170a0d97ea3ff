import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PurchaseOrdersList } from '../../features/purchasing';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/purchase-orders`: orders to suppliers; filters, sort and saved views in the URL and per user. */
export function PurchaseOrdersPage() {
  const { t } = useTranslation('purchasing');
  const can = useCan();
  return (
    <RequirePermission permission="purchaseOrders.read">
      <PageHeader
        title={t('nav')}
        description={t('list.description')}
        actions={
          can('purchaseOrders.write') ? (
            <Button
              component={Link}
              to="/purchase-orders/new"
              leftSection={<IconPlus size={16} />}
              data-testid="po-create"
            >
              {t('list.create')}
            </Button>
          ) : null
        }
      />
      <PurchaseOrdersList />
    </RequirePermission>
  );
}

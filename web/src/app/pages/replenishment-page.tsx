import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { ReplenishmentList } from '../../features/purchasing';
import { RequirePermission } from '../require-permission';

/** `/replenishment`: what Kontor would order now and why; one click writes (and approves) the drafts. */
export function ReplenishmentPage() {
  const { t } = useTranslation('purchasing');
  return (
    <RequirePermission permission="purchaseOrders.read">
      <PageHeader title={t('replenishmentNav')} description={t('replenishment.description')} />
      <ReplenishmentList />
    </RequirePermission>
  );
}

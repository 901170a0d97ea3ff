import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { CollectionsList } from '../../features/billing';
import { useClaimTask } from '../../features/tasks';
import { RequirePermission } from '../require-permission';

/** `/collections`: the overdue invoices and their collection tasks, for the collections team. */
export function CollectionsPage() {
  const { t } = useTranslation('billing');
  const claim = useClaimTask();
  return (
    <RequirePermission permission="invoices.read">
      <PageHeader title={t('collections.title')} description={t('collections.description')} />
      <CollectionsList claim={claim} />
    </RequirePermission>
  );
}

import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { BillingSettingsForm } from '../../features/billing';
import { RequirePermission } from '../require-permission';

/** `/admin/billing`: seller data, bank details, number formats and billing rules. */
export function BillingSettingsPage() {
  const { t } = useTranslation('billing');
  return (
    <RequirePermission permission="billing.settings">
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <BillingSettingsForm />
    </RequirePermission>
  );
}

import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { ApprovalLimits, PurchasingSettingsForm } from '../../features/purchasing';
import { RequirePermission } from '../require-permission';

/** `/admin/purchasing`: automatic drafts, pipeline demand, follow-up team and approval limits per user. */
export function PurchasingSettingsPage() {
  const { t } = useTranslation('purchasing');
  return (
    <RequirePermission permission="purchasing.settings">
      <PageHeader title={t('settingsNav')} description={t('settings.description')} />
      <Stack gap="lg">
        <PurchasingSettingsForm />
        <ApprovalLimits />
      </Stack>
    </RequirePermission>
  );
}

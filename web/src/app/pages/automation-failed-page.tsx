import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { RequirePermission } from '../require-permission';

/** Placeholder until the issue 7 screen lands. */
export function AutomationFailedPage() {
  const { t } = useTranslation('automation');
  return (
    <RequirePermission permission="automation.manage">
      <PageHeader title={t('failedNav')} />
    </RequirePermission>
  );
}

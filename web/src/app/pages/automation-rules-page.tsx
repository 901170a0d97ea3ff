import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { RequirePermission } from '../require-permission';

/** Placeholder until the issue 7 screen lands. */
export function AutomationRulesPage() {
  const { t } = useTranslation('automation');
  return (
    <RequirePermission permission="automation.read">
      <PageHeader title={t('title')} />
    </RequirePermission>
  );
}

import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { RequirePermission } from '../require-permission';

/** Placeholder until the issue 7 screen lands. */
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  return (
    <RequirePermission permission="webhooks.manage">
      <PageHeader title={t('title')} />
    </RequirePermission>
  );
}

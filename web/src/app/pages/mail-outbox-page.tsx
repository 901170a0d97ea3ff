import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { MailOutboxTable } from '../../features/notifications';
import { RequirePermission } from '../require-permission';

export function MailOutboxPage() {
  const { t } = useTranslation('notifications');
  return (
    <RequirePermission permission="system.manage">
      <PageHeader title={t('mailOutbox.title')} description={t('mailOutbox.description')} />
      <MailOutboxTable />
    </RequirePermission>
  );
}

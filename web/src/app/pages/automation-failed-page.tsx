import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { FailedActions } from '../../features/automation';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/admin/automation/failed`: actions that failed after their last try; retry or discard. */
export function AutomationFailedPage() {
  const { t } = useTranslation('automation');
  const can = useCan();
  return (
    <RequirePermission permission="automation.read">
      <Anchor component={Link} to="/admin/automation" size="sm">
        ← {t('title')}
      </Anchor>
      <PageHeader title={t('failedNav')} description={t('failed.description')} />
      <FailedActions canManage={can('automation.manage')} />
    </RequirePermission>
  );
}

import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** Placeholder while issue 6 is built (replaced by the feature's page). */
export function PurchasingSettingsPage() {
  const { t } = useTranslation('purchasing');
  return <PageHeader title={t('settingsNav')} />;
}

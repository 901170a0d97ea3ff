import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';

/** Placeholder while issue 6 is built (replaced by the feature's page). */
export function StockReportPage() {
  const { t } = useTranslation('inventory');
  return <PageHeader title={t('reportNav')} />;
}

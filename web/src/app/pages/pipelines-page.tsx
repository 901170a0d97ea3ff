import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { PipelinesSettings } from '../../features/sales';
import { RequirePermission } from '../require-permission';

/** `/admin/pipelines`: pipelines with their stages, the default pipeline, and the lost reasons. */
export function PipelinesPage() {
  const { t } = useTranslation('sales');
  const [params, setParams] = useSearchParams();
  return (
    <RequirePermission permission="pipelines.manage">
      <PageHeader title={t('pipelines.title')} description={t('pipelines.description')} />
      <PipelinesSettings
        selectedId={params.get('id')}
        onSelect={(id) => setParams(id ? { id } : {}, { replace: true })}
      />
    </RequirePermission>
  );
}

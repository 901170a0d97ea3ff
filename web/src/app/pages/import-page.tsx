import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IMPORT_ENTITY_TYPES, type ImportEntityType } from '../../../../contracts/imports';
import type { Permission } from '../../../../contracts/permissions';
import { PageHeader } from '../../components/page-header';
import { ImportWizard } from '../../features/imports';
import { useCan } from '../../lib/auth';
import { ForbiddenPage } from './forbidden-page';

const PERMISSION: Record<ImportEntityType, Permission> = {
  companies: 'companies.write',
  contacts: 'companies.write',
  deals: 'deals.write',
  products: 'products.write',
};

/**
 * `/import?type=companies|contacts|deals|products`: the CSV import wizard. `&id=` shows an import's progress
 * or result (the import runs on the server; the page can be left and opened again).
 */
export function ImportPage() {
  const { t } = useTranslation('imports');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const types = IMPORT_ENTITY_TYPES.filter((type) => can(PERMISSION[type]));
  const asked = params.get('type') as ImportEntityType | null;
  const type = asked && types.includes(asked) ? asked : types[0];
  const importId = params.get('id');
  if (!type) return <ForbiddenPage />;

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <ImportWizard
        types={types}
        type={type}
        importId={importId}
        onTypeChange={(next) => setParams({ type: next }, { replace: true })}
        onImportChange={(id, next) => setParams({ type: next ?? type, ...(id ? { id } : {}) })}
      />
    </>
  );
}

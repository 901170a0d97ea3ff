import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { CompaniesList, CompanyFormModal } from '../../features/companies';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/companies`: the list view (filters and sort in the URL); a new company opens its page. */
export function CompaniesPage() {
  const { t } = useTranslation('companies');
  const can = useCan();
  const navigate = useNavigate();
  const [createOpened, createModal] = useDisclosure(false);

  return (
    <RequirePermission permission="companies.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can('companies.write') ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={createModal.open}
              data-testid="company-create"
            >
              {t('create.button')}
            </Button>
          ) : null
        }
      />
      <CompaniesList />
      <CompanyFormModal
        opened={createOpened}
        onClose={createModal.close}
        onSaved={(company) => navigate(`/companies/${company.id}`)}
      />
    </RequirePermission>
  );
}

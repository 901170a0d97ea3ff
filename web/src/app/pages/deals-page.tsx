import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { DealFormModal, DealsList } from '../../features/sales';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/deals`: the deals list; filters, sort and saved views live in the URL and per user. */
export function DealsPage() {
  const { t } = useTranslation('sales');
  const can = useCan();
  const navigate = useNavigate();
  const [createOpened, createModal] = useDisclosure(false);

  return (
    <RequirePermission permission="deals.read">
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <Group gap="sm">
            <Button
              variant="default"
              component={Link}
              to="/board"
              leftSection={<IconLayoutKanban size={16} />}
            >
              {t('list.toBoard')}
            </Button>
            {can('deals.write') ? (
              <Button
                leftSection={<IconPlus size={16} />}
                onClick={createModal.open}
                data-testid="deal-create"
              >
                {t('create.button')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <DealsList getDealLink={(id) => `/deals/${id}`} />
      <DealFormModal
        opened={createOpened}
        onClose={createModal.close}
        onSaved={(deal) => navigate(`/deals/${deal.id}`)}
      />
    </RequirePermission>
  );
}

import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { TeamCreateModal, TeamsList } from '../../features/teams';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

export function TeamsPage() {
  const { t } = useTranslation('teams');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const q = params.get('q') ?? '';
  const search = params.toString();

  return (
    <RequirePermission permission="teams.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can('teams.manage') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="team-create">
              {t('create.button')}
            </Button>
          ) : null
        }
      />
      <TeamsList
        q={q}
        onQChange={(next) => setParams(next ? { q: next } : {}, { replace: true })}
        getTeamLink={(id) => `/teams/${id}${search ? `?${search}` : ''}`}
      />
      <TeamCreateModal opened={createOpened} onClose={createModal.close} />
      <Outlet />
    </RequirePermission>
  );
}

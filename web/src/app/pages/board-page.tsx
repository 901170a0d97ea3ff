import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconList, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { TeamPicker, UserPicker } from '../../components/record-pickers';
import {
  type BoardFilters,
  DealBoard,
  DealFormModal,
  PipelineSelect,
  usePipelines,
} from '../../features/sales';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

const KEYS = ['pipelineId', 'ownerId', 'teamId'] as const;

/** `/board`: the Kanban board of a pipeline (the default one unless chosen), filterable by owner and team. */
export function BoardPage() {
  const { t } = useTranslation('sales');
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const pipelines = usePipelines();
  const defaultPipelineId = pipelines.data?.find((p) => p.isDefault)?.id ?? null;
  const filters: BoardFilters = {
    pipelineId: params.get('pipelineId') ?? '',
    ownerId: params.get('ownerId') ?? '',
    teamId: params.get('teamId') ?? '',
  };
  const set = (key: (typeof KEYS)[number]) => (value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <RequirePermission permission="deals.read">
      <PageHeader
        title={t('board.title')}
        description={t('board.description')}
        actions={
          <Group gap="sm">
            <Button variant="default" component={Link} to="/deals" leftSection={<IconList size={16} />}>
              {t('board.toList')}
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
      <Group gap="sm" mb="md" wrap="wrap">
        <PipelineSelect
          aria-label={t('fields.pipeline')}
          placeholder={t('board.defaultPipeline')}
          value={filters.pipelineId || defaultPipelineId}
          onChange={(id) => set('pipelineId')(id === defaultPipelineId ? null : id)}
          allowDeselect={false}
          w={240}
          data-testid="board-pipeline"
        />
        <UserPicker
          includeInactive
          aria-label={t('fields.owner')}
          placeholder={t('filters.allOwners')}
          value={filters.ownerId || null}
          onChange={set('ownerId')}
          clearable
          w={200}
          data-testid="board-owner"
        />
        <TeamPicker
          aria-label={t('fields.team')}
          placeholder={t('filters.allTeams')}
          value={filters.teamId || null}
          onChange={set('teamId')}
          clearable
          w={180}
          data-testid="board-team"
        />
      </Group>
      <DealBoard
        filters={filters}
        canMove={can('deals.write')}
        onOpenDeal={(id) => navigate(`/deals/${id}`)}
      />
      <DealFormModal
        opened={createOpened}
        onClose={createModal.close}
        defaults={filters.pipelineId ? { pipelineId: filters.pipelineId } : undefined}
      />
    </RequirePermission>
  );
}

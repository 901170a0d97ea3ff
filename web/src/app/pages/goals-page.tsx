import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { GoalMetric } from '../../../../contracts/goals';
import { PageHeader } from '../../components/page-header';
import {
  GOAL_SORTS,
  type GoalFilters,
  GoalFiltersBar,
  GoalFormModal,
  GoalsTable,
} from '../../features/goals';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

const SORTS = GOAL_SORTS.flatMap((f) => [f, `-${f}`]);

/** `/goals`: the goals of people and teams with their progress; managers set, change and delete them. */
export function GoalsPage() {
  const { t } = useTranslation('goals');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [createOpened, createModal] = useDisclosure(false);
  const filters: GoalFilters = {
    activeOn: params.get('activeOn') === 'all' ? 'all' : '',
    metric: (params.get('metric') ?? '') as GoalMetric | '',
    userId: params.get('userId') ?? '',
    teamId: params.get('teamId') ?? '',
  };
  const sortParam = params.get('sort');
  const sort = sortParam && SORTS.includes(sortParam) ? sortParam : 'status';
  const update = (next: GoalFilters, nextSort = sort) => {
    const search: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) if (value) search[key] = value;
    if (nextSort !== 'status') search.sort = nextSort;
    setParams(search, { replace: true });
  };
  const canManage = can('goals.manage');

  return (
    <RequirePermission permission="goals.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={createModal.open} data-testid="goal-create">
              {t('create.button')}
            </Button>
          ) : null
        }
      />
      <GoalFiltersBar filters={filters} onChange={(next) => update(next)} />
      <GoalsTable
        filters={filters}
        sort={sort}
        onSortChange={(next) => update(filters, next)}
        canManage={canManage}
      />
      <GoalFormModal opened={createOpened} onClose={createModal.close} />
    </RequirePermission>
  );
}

import { ActionIcon, Group, Loader, Table, Text } from '@mantine/core';
import { IconPencil, IconTrash, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalWithProgress } from '../../../../../contracts/goals';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { SortableTh } from '../../../components/sortable-th';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { type GoalFilters, useDeleteGoal, useGoals, useGoalTaskTypes } from '../api/goals-api';
import { GoalFormModal } from './goal-form-modal';
import { GoalProgressBar } from './goal-progress-bar';
import { GoalStatusBadge } from './goal-status-badge';
import { goalValue, periodText } from './goal-values';

export const GOAL_SORTS = ['name', 'owner', 'metric', 'period', 'target', 'percent', 'status'] as const;
type SortField = (typeof GOAL_SORTS)[number];

const STATUS_ORDER = ['behind', 'on_track', 'ahead', 'achieved', 'missed', 'upcoming'];
const ownerOf = (g: GoalWithProgress) => g.userName ?? g.teamName ?? '';

const KEYS: Record<SortField, (g: GoalWithProgress) => string | number> = {
  name: (g) => g.name.toLowerCase(),
  owner: (g) => ownerOf(g).toLowerCase(),
  metric: (g) => g.metric,
  period: (g) => g.periodStart,
  target: (g) => g.target,
  percent: (g) => g.progress.percent,
  status: (g) => STATUS_ORDER.indexOf(g.progress.status),
};

function sortGoals(goals: GoalWithProgress[], sort: string): GoalWithProgress[] {
  const desc = sort.startsWith('-');
  const key = KEYS[sort.replace(/^-/, '') as SortField] ?? KEYS.name;
  return [...goals].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const c = x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
    return desc ? -c : c;
  });
}

/** Every goal the user may see, with progress bars and pacing; sortable by any column. */
export function GoalsTable({
  filters,
  sort,
  onSortChange,
  canManage,
}: {
  filters: GoalFilters;
  sort: string;
  onSortChange: (sort: string) => void;
  canManage: boolean;
}) {
  const { t } = useTranslation('goals');
  const fmt = useFormat();
  const notify = useNotify();
  const goals = useGoals(filters);
  const types = useGoalTaskTypes();
  const typeNames = useMemo(() => new Map((types.data ?? []).map((x) => [x.key, x.name])), [types.data]);
  const remove = useDeleteGoal();
  const [editing, setEditing] = useState<GoalWithProgress | null>(null);
  const [deleting, setDeleting] = useState<GoalWithProgress | null>(null);
  const rows = useMemo(() => sortGoals(goals.data ?? [], sort), [goals.data, sort]);

  if (goals.isError) return <QueryError error={goals.error} onRetry={() => void goals.refetch()} />;
  if (goals.isPending) return <Loader />;
  if (rows.length === 0) return <EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>;

  const th = (field: SortField) => (
    <SortableTh field={field} sort={sort} onSort={onSortChange} testId={`goals-sort-${field}`}>
      {t(`columns.${field}`)}
    </SortableTh>
  );

  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="sm" highlightOnHover data-testid="goals-table">
          <Table.Thead>
            <Table.Tr>
              {th('name')}
              {th('owner')}
              {th('metric')}
              {th('period')}
              {th('target')}
              {th('percent')}
              {th('status')}
              {canManage ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((goal) => (
              <Table.Tr key={goal.id} data-testid="goal-row" data-goal-id={goal.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {goal.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {goal.teamId ? (
                      <IconUsersGroup size={16} style={{ flexShrink: 0 }} />
                    ) : (
                      <IconUser size={16} style={{ flexShrink: 0 }} />
                    )}
                    <Text size="sm">{ownerOf(goal)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`metrics.${goal.metric}`)}</Text>
                  {goal.taskType ? (
                    <Text size="xs" c="dimmed">
                      {typeNames.get(goal.taskType) ?? goal.taskType}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {periodText(fmt, t, goal)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{goalValue(fmt, goal.metric, goal.target)}</Text>
                </Table.Td>
                <Table.Td>
                  <GoalProgressBar progress={goal.progress} metric={goal.metric} />
                </Table.Td>
                <Table.Td>
                  <GoalStatusBadge status={goal.progress.status} />
                </Table.Td>
                {canManage ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('edit.button')}
                        onClick={() => setEditing(goal)}
                        data-testid="goal-edit"
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('delete.button')}
                        onClick={() => setDeleting(goal)}
                        data-testid="goal-delete"
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <GoalFormModal opened={Boolean(editing)} goal={editing ?? undefined} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={Boolean(deleting)}
        title={t('delete.title')}
        message={t('delete.message', { name: deleting?.name ?? '' })}
        confirmLabel={t('delete.button')}
        danger
        loading={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, version: deleting.version },
            {
              onSuccess: () => {
                notify.success(t('delete.done', { name: deleting.name }));
                setDeleting(null);
              },
              onError: (err) => notify.error(errorMessage(err, t)),
            },
          )
        }
      />
    </>
  );
}

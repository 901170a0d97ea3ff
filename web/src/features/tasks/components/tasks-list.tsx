import {
  Card,
  Center,
  Checkbox,
  Group,
  Loader,
  Pill,
  SegmentedControl,
  Select,
  TextInput,
} from '@mantine/core';
import { IconSearch, IconUser, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TaskStatus } from '../../../../../contracts/work';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useTeamLookup, useUserLookup } from '../../../lib/record-lookups';
import { type TaskFilters, type TaskScope, useTasks, useTaskTypes } from '../api/tasks-api';
import { TaskRows } from './task-rows';
import { typeOptions } from './task-values';

const SCOPES: TaskScope[] = ['mine', 'team', 'all'];

/**
 * The filters from the URL (`?scope=team&overdue=true`), defaults: my open tasks. A person or a team
 * (`?assigneeId=…`, `?teamId=…`, the workload's drill-down links) stands for the scope.
 */
export function filtersFrom(params: URLSearchParams): TaskFilters {
  const scope = params.get('scope');
  const status = params.get('status');
  const assigneeId = params.get('assigneeId') ?? '';
  const teamId = params.get('teamId') ?? '';
  return {
    scope: assigneeId || teamId ? 'all' : SCOPES.includes(scope as TaskScope) ? (scope as TaskScope) : 'mine',
    assigneeId,
    teamId,
    type: params.get('type') ?? '',
    status: status === null ? 'open' : (status as TaskStatus | ''),
    overdue: params.get('overdue') === 'true',
    unclaimed: params.get('unclaimed') === 'true',
    dueFrom: params.get('dueFrom') ?? '',
    dueTo: params.get('dueTo') ?? '',
    q: params.get('q') ?? '',
  };
}

/** The person or team the list is narrowed to (from the workload), with a button that lifts it. */
function ChosenFilter({ kind, id, onClear }: { kind: 'person' | 'team'; id: string; onClear: () => void }) {
  const { t } = useTranslation('tasks');
  const users = useUserLookup({ enabled: kind === 'person' });
  const teams = useTeamLookup({ enabled: kind === 'team' });
  const name =
    kind === 'person'
      ? users.data?.find((u) => u.id === id)?.name
      : teams.data?.find((team) => team.id === id)?.name;
  const label = t(kind === 'person' ? 'filters.person' : 'filters.team', { name: name ?? '…' });
  return (
    <Pill
      size="md"
      withRemoveButton
      onRemove={onClear}
      removeButtonProps={{ 'aria-label': t('filters.clearChosen', { label }) }}
      data-testid={`task-filter-${kind}`}
      data-id={id}
    >
      <Group gap={4} wrap="nowrap" component="span">
        {kind === 'person' ? <IconUser size={14} /> : <IconUsersGroup size={14} />}
        {label}
      </Group>
    </Pill>
  );
}

/** The task list: mine / my teams' / all I may see, by type, status, overdue and due range. */
export function TasksList() {
  const { t } = useTranslation('tasks');
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const types = useTaskTypes();
  const query = useTasks(filters);
  const tasks = query.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (key === 'status' && value === 'open') next.delete('status');
        else if (key === 'status' && !value) next.set('status', '');
        else if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <Card withBorder radius="md" padding="md">
      <Group gap="sm" mb="md" wrap="wrap" align="flex-end">
        <SegmentedControl
          value={filters.scope}
          onChange={(value) =>
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                // a scope replaces the person or team the list was narrowed to
                next.delete('assigneeId');
                next.delete('teamId');
                if (value === 'mine') next.delete('scope');
                else next.set('scope', value);
                return next;
              },
              { replace: true },
            )
          }
          data={SCOPES.map((s) => ({ value: s, label: t(`filters.scopes.${s}`) }))}
          data-testid="task-filter-scope"
        />
        {filters.assigneeId ? (
          <ChosenFilter kind="person" id={filters.assigneeId} onClear={() => set('assigneeId', null)} />
        ) : null}
        {filters.teamId ? (
          <ChosenFilter kind="team" id={filters.teamId} onClear={() => set('teamId', null)} />
        ) : null}
        <Select
          placeholder={t('filters.type')}
          aria-label={t('filters.type')}
          clearable
          w={170}
          data={typeOptions(types.data, filters.type)}
          value={filters.type || null}
          onChange={(value) => set('type', value)}
          data-testid="task-filter-type"
        />
        <Select
          aria-label={t('filters.status')}
          w={150}
          data={[
            { value: 'open', label: t('statuses.open') },
            { value: 'done', label: t('statuses.done') },
            { value: 'cancelled', label: t('statuses.cancelled') },
            { value: '', label: t('filters.anyStatus') },
          ]}
          allowDeselect={false}
          value={filters.status}
          onChange={(value) => set('status', value)}
          data-testid="task-filter-status"
        />
        <LazyDateInput
          aria-label={t('filters.dueFrom')}
          placeholder={t('filters.dueFrom')}
          clearable
          w={150}
          value={filters.dueFrom || null}
          onChange={(value) => set('dueFrom', value)}
        />
        <LazyDateInput
          aria-label={t('filters.dueTo')}
          placeholder={t('filters.dueTo')}
          clearable
          w={150}
          value={filters.dueTo || null}
          onChange={(value) => set('dueTo', value)}
        />
        <TextInput
          aria-label={t('filters.search')}
          placeholder={t('filters.search')}
          leftSection={<IconSearch size={14} />}
          w={200}
          value={filters.q}
          onChange={(e) => set('q', e.currentTarget.value)}
          data-testid="task-filter-q"
        />
        <Checkbox
          label={t('filters.overdue')}
          checked={filters.overdue}
          onChange={(e) => set('overdue', e.currentTarget.checked ? 'true' : null)}
          data-testid="task-filter-overdue"
        />
        <Checkbox
          label={t('filters.unclaimed')}
          checked={filters.unclaimed}
          onChange={(e) => set('unclaimed', e.currentTarget.checked ? 'true' : null)}
          data-testid="task-filter-unclaimed"
        />
      </Group>
      {query.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : tasks.length === 0 ? (
        <EmptyState title={t('list.empty')} />
      ) : (
        <div data-testid="task-list">
          <TaskRows tasks={tasks} />
          <LoadMore
            hasMore={Boolean(query.hasNextPage)}
            loading={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
            loaded={tasks.length}
          />
        </div>
      )}
    </Card>
  );
}

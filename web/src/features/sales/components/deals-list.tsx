import { Anchor, Badge, Paper, Select, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ListResponse } from '../../../../../contracts/common';
import type { Deal, DealStatus } from '../../../../../contracts/sales';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { EmptyState } from '../../../components/empty-state';
import type { ListColumn } from '../../../components/list-table';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { CompanyPicker, TeamPicker, UserPicker } from '../../../components/record-pickers';
import { api } from '../../../lib/api';
import { todayBusinessDate } from '../../../lib/format';
import { useTeamLookup } from '../../../lib/record-lookups';
import { useFormat } from '../../../lib/use-format';
import { useListViewState } from '../../../lib/use-list-view-state';
import { DEAL_SORTS, type DealFilters, type DealSort, dealQuery, useDeals } from '../api/deals-api';
import { usePipelines } from '../api/pipelines-api';
import { isOverdue } from './board/deal-card';
import { stageOptions, statusOptions } from './options';
import { PipelineSelect } from './pickers';
import { DealStatusBadge } from './status-badge';

const FILTER_KEYS = [
  'q',
  'pipelineId',
  'stageId',
  'status',
  'ownerId',
  'teamId',
  'companyId',
  'expectedCloseFrom',
  'expectedCloseTo',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const COLUMN_IDS = [
  'title',
  'company',
  'stage',
  'status',
  'amount',
  'weighted',
  'probability',
  'expectedCloseDate',
  'owner',
  'team',
  'source',
  'createdAt',
  'updatedAt',
] as const;
const HIDDEN_BY_DEFAULT = new Set(['weighted', 'probability', 'team', 'source', 'createdAt', 'updatedAt']);
const VIEW_COLUMNS = COLUMN_IDS.map((id) => ({
  id,
  defaultVisible: !HIDDEN_BY_DEFAULT.has(id),
  alwaysVisible: id === 'title',
}));

const STATUSES: readonly string[] = ['open', 'won', 'lost'];

function toDealFilters(filters: Record<FilterKey, string>, sort: string): DealFilters {
  return {
    ...filters,
    status: STATUSES.includes(filters.status) ? (filters.status as DealStatus) : '',
    sort: sort as DealSort,
  };
}

function useColumns(t: TFunction, getDealLink: (id: string) => string): ListColumn<Deal>[] {
  const fmt = useFormat();
  const teams = useTeamLookup();
  const teamName = useMemo(() => new Map((teams.data ?? []).map((x) => [x.id, x.name])), [teams.data]);
  const today = todayBusinessDate();
  return [
    {
      id: 'title',
      label: t('fields.title'),
      sortField: 'title',
      alwaysVisible: true,
      render: (d) => (
        <Anchor component={Link} to={getDealLink(d.id)} size="sm" fw={500}>
          {d.title}
        </Anchor>
      ),
      csv: (d) => d.title,
    },
    {
      id: 'company',
      label: t('fields.company'),
      render: (d) => <Text size="sm">{d.companyName ?? '—'}</Text>,
      csv: (d) => d.companyName,
    },
    {
      id: 'stage',
      label: t('fields.stage'),
      render: (d) => <Text size="sm">{d.stageName}</Text>,
      csv: (d) => d.stageName,
    },
    {
      id: 'status',
      label: t('fields.status'),
      nowrap: true,
      render: (d) => <DealStatusBadge status={d.status} />,
      csv: (d) => t(`status.${d.status}`),
    },
    {
      id: 'amount',
      label: t('fields.amount'),
      sortField: 'amount',
      align: 'right',
      nowrap: true,
      render: (d) => <Text size="sm">{fmt.money(d.amountCents, d.currency)}</Text>,
      csv: (d) => fmt.money(d.amountCents, d.currency),
    },
    {
      id: 'weighted',
      label: t('fields.weighted'),
      align: 'right',
      nowrap: true,
      render: (d) => <Text size="sm">{fmt.money(d.weightedAmountCents, d.currency)}</Text>,
      csv: (d) => fmt.money(d.weightedAmountCents, d.currency),
    },
    {
      id: 'probability',
      label: t('fields.probability'),
      align: 'right',
      nowrap: true,
      render: (d) => <Text size="sm">{fmt.number(d.probability)} %</Text>,
      csv: (d) => `${fmt.number(d.probability)} %`,
    },
    {
      id: 'expectedCloseDate',
      label: t('fields.expectedCloseDate'),
      sortField: 'expectedCloseDate',
      nowrap: true,
      render: (d) => (
        <Text
          size="sm"
          c={isOverdue(d, today) ? 'red' : undefined}
          fw={isOverdue(d, today) ? 600 : undefined}
        >
          {fmt.date(d.expectedCloseDate)}
        </Text>
      ),
      csv: (d) => fmt.date(d.expectedCloseDate),
    },
    {
      id: 'owner',
      label: t('fields.owner'),
      render: (d) => <Text size="sm">{d.ownerName ?? '—'}</Text>,
      csv: (d) => d.ownerName,
    },
    {
      id: 'team',
      label: t('fields.team'),
      render: (d) => <Text size="sm">{(d.teamId && teamName.get(d.teamId)) ?? '—'}</Text>,
      csv: (d) => (d.teamId ? (teamName.get(d.teamId) ?? '') : ''),
    },
    {
      id: 'source',
      label: t('fields.source'),
      render: (d) => (
        <Badge variant="default" size="sm">
          {t(`sources.${d.source}`)}
        </Badge>
      ),
      csv: (d) => t(`sources.${d.source}`),
    },
    {
      id: 'createdAt',
      label: t('fields.createdAt'),
      sortField: 'createdAt',
      nowrap: true,
      render: (d) => <Text size="sm">{fmt.date(d.createdAt)}</Text>,
      csv: (d) => fmt.date(d.createdAt),
    },
    {
      id: 'updatedAt',
      label: t('fields.updatedAt'),
      sortField: 'updatedAt',
      nowrap: true,
      render: (d) => <Text size="sm">{fmt.dateTime(d.updatedAt)}</Text>,
      csv: (d) => fmt.dateTime(d.updatedAt),
    },
  ];
}

/**
 * The deals list: filters (pipeline, stage, status, owner, team, company, expected close range,
 * search) and sort in the URL, column choice and saved views per user, CSV export of the view.
 */
export function DealsList({ getDealLink }: { getDealLink: (id: string, search: string) => string }) {
  const { t } = useTranslation('sales');
  const navigate = useNavigate();
  const pipelines = usePipelines();
  const view = useListViewState<FilterKey>({
    listId: 'deals',
    filterKeys: FILTER_KEYS,
    sorts: DEAL_SORTS,
    defaultSort: '-createdAt',
    columns: VIEW_COLUMNS,
  });
  const filters = toDealFilters(view.filters, view.sort);
  const link = (id: string) => getDealLink(id, view.search);
  const allColumns = useColumns(t, link);
  const columns = allColumns.filter((c) => view.columns.includes(c.id));

  const query = useDeals(filters);
  const set = (key: FilterKey) => (value: string | null) => view.setFilters({ [key]: value ?? '' });

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<FilterKey, Deal>
        view={view}
        layout="stacked"
        searchPlaceholder={t('filters.search')}
        testIdPrefix="deals"
        resetLabel={t('filters.reset')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('export.fileName')}
        fetchPage={(cursor, limit) =>
          api.get<ListResponse<Deal>>('/deals', {
            ...dealQuery(filters),
            limit,
            cursor: cursor ?? undefined,
          })
        }
        filters={
          <>
            <PipelineSelect
              placeholder={t('filters.allPipelines')}
              aria-label={t('fields.pipeline')}
              value={filters.pipelineId || null}
              onChange={(id) => view.setFilters({ pipelineId: id ?? '', stageId: '' })}
              clearable
              w={190}
              data-testid="deals-pipeline-filter"
            />
            <Select
              placeholder={t('filters.allStages')}
              aria-label={t('fields.stage')}
              data={stageOptions(pipelines.data, filters.pipelineId || null)}
              value={filters.stageId || null}
              onChange={set('stageId')}
              clearable
              searchable
              w={190}
              data-testid="deals-stage-filter"
            />
            <Select
              placeholder={t('filters.allStatuses')}
              aria-label={t('fields.status')}
              data={statusOptions(t)}
              value={filters.status || null}
              onChange={set('status')}
              clearable
              w={150}
              data-testid="deals-status-filter"
            />
            <UserPicker
              includeInactive
              placeholder={t('filters.allOwners')}
              aria-label={t('fields.owner')}
              value={filters.ownerId || null}
              onChange={set('ownerId')}
              clearable
              w={190}
              data-testid="deals-owner-filter"
            />
            <TeamPicker
              placeholder={t('filters.allTeams')}
              aria-label={t('fields.team')}
              value={filters.teamId || null}
              onChange={set('teamId')}
              clearable
              w={170}
              data-testid="deals-team-filter"
            />
            <CompanyPicker
              placeholder={t('filters.allCompanies')}
              aria-label={t('fields.company')}
              value={filters.companyId || null}
              onChange={set('companyId')}
              clearable
              w={220}
              data-testid="deals-company-filter"
            />
            <LazyDateInput
              placeholder={t('filters.closeFrom')}
              aria-label={t('filters.closeFrom')}
              value={filters.expectedCloseFrom || null}
              onChange={set('expectedCloseFrom')}
              clearable
              w={160}
              data-testid="deals-close-from"
            />
            <LazyDateInput
              placeholder={t('filters.closeTo')}
              aria-label={t('filters.closeTo')}
              value={filters.expectedCloseTo || null}
              onChange={set('expectedCloseTo')}
              clearable
              w={160}
              data-testid="deals-close-to"
            />
          </>
        }
      />

      <ListViewBody<Deal>
        query={query}
        columns={columns}
        getKey={(d) => d.id}
        sort={view.sort}
        onSort={view.setSort}
        onRowClick={(d) => navigate(link(d.id))}
        rowProps={(d) => ({ 'data-testid': 'deal-row', 'data-deal-id': d.id, 'data-title': d.title })}
        minWidth={900}
        empty={
          <EmptyState title={t('list.emptyTitle')}>
            {view.hasFilters ? t('list.emptyFiltered') : t('list.emptyHint')}
          </EmptyState>
        }
        testIdPrefix="deals"
      />
    </Paper>
  );
}

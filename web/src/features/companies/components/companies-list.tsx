import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch, IconTag } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Company } from '../../../../../contracts/companies';
import { ColumnPicker } from '../../../components/column-picker';
import { EmptyState } from '../../../components/empty-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { ListTable } from '../../../components/list-table';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { SavedViews } from '../../../components/saved-views';
import { useFormat } from '../../../lib/use-format';
import { useListViewState } from '../../../lib/use-list-view-state';
import {
  COMPANY_FILTER_KEYS,
  COMPANY_SORTS,
  type CompanyFilterKey,
  fetchCompaniesPage,
  useCompanies,
} from '../api/companies-api';
import { useOwnerOptions, useSegmentOptions } from '../api/lookups-api';
import { COMPANY_COLUMNS, useCompanyColumns } from './company-columns';
import { countryOptions, roleOptions } from './options';

const CONFIG = {
  listId: 'companies',
  filterKeys: COMPANY_FILTER_KEYS,
  sorts: COMPANY_SORTS,
  defaultSort: 'name',
  columns: COMPANY_COLUMNS,
};

/** A text filter typed into an input: applied to the URL after a pause. */
function useDebouncedFilter(value: string, apply: (next: string) => void) {
  const [input, setInput] = useState(value);
  const [debounced] = useDebouncedValue(input, 300);
  // the URL can change it from outside (a saved view, the header search)
  useEffect(() => setInput(value), [value]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text starts a new query
  useEffect(() => {
    if (debounced !== value) apply(debounced);
  }, [debounced]);
  return [input, setInput] as const;
}

/**
 * Companies with filters (search, role, segment, owner, tag, country), sortable columns, a
 * choice of columns, saved views, CSV export and "load more". Filters and sort live in the URL.
 */
export function CompaniesList() {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const navigate = useNavigate();
  const view = useListViewState<CompanyFilterKey>(CONFIG);
  const { filters, sort } = view;
  const allColumns = useCompanyColumns();
  const columns = useMemo(
    () => allColumns.filter((c) => view.columns.includes(c.id)),
    [allColumns, view.columns],
  );
  const owners = useOwnerOptions();
  const segments = useSegmentOptions();
  const [search, setSearch] = useDebouncedFilter(filters.q, (q) => view.setFilters({ q }));
  const [tag, setTag] = useDebouncedFilter(filters.tag, (next) => view.setFilters({ tag: next.trim() }));

  const query = useCompanies(filters, sort);
  const companies = query.data?.pages.flatMap((p) => p.items) ?? [];
  const link = (id: string) => `/companies/${id}`;

  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="companies-search"
          style={{ flex: '1 1 220px' }}
        />
        <Select
          placeholder={t('filters.allRoles')}
          aria-label={t('fields.roles')}
          data={roleOptions(t)}
          value={filters.role || null}
          onChange={(value) => view.setFilters({ role: value ?? '' })}
          clearable
          data-testid="companies-role-filter"
          w={150}
        />
        <Select
          placeholder={t('filters.allSegments')}
          aria-label={t('fields.segment')}
          data={segments.data ?? []}
          value={filters.segmentId || null}
          onChange={(value) => view.setFilters({ segmentId: value ?? '' })}
          clearable
          searchable
          data-testid="companies-segment-filter"
          w={200}
        />
        <Select
          placeholder={t('filters.allOwners')}
          aria-label={t('fields.owner')}
          data={owners.data ?? []}
          value={filters.ownerId || null}
          onChange={(value) => view.setFilters({ ownerId: value ?? '' })}
          clearable
          searchable
          data-testid="companies-owner-filter"
          w={180}
        />
        <TextInput
          placeholder={t('filters.tag')}
          aria-label={t('fields.tags')}
          leftSection={<IconTag size={16} />}
          value={tag}
          onChange={(e) => setTag(e.currentTarget.value)}
          data-testid="companies-tag-filter"
          w={140}
        />
        <Select
          placeholder={t('filters.allCountries')}
          aria-label={t('fields.country')}
          data={countryOptions(fmt.locale)}
          value={filters.country || null}
          onChange={(value) => view.setFilters({ country: value ?? '' })}
          clearable
          searchable
          data-testid="companies-country-filter"
          w={180}
        />
        {view.hasFilters ? (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} />}
            onClick={view.resetFilters}
            data-testid="companies-reset-filters"
          >
            {t('common:listView.resetFilters')}
          </Button>
        ) : null}
        <Group gap="xs" ml="auto" wrap="nowrap">
          <SavedViews
            views={view.views}
            activeViewId={view.activeView?.id ?? null}
            onApply={view.applyView}
            onDelete={(v) => view.deleteView(v.id)}
            onSave={view.saveView}
          />
          <ColumnPicker
            columns={allColumns}
            visible={view.columns}
            onChange={view.setColumns}
            onReset={view.resetColumns}
          />
          <ExportCsvButton<Company>
            baseName={t('export.fileName')}
            columns={columns
              .filter((c) => c.csv)
              .map((c) => ({ header: c.label, value: (item: Company) => c.csv?.(item) }))}
            fetchPage={(cursor, limit) => fetchCompaniesPage(filters, sort, cursor, limit)}
          />
        </Group>
      </Group>

      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ListTable
          columns={columns}
          items={companies}
          getKey={(c) => c.id}
          sort={sort}
          onSort={view.setSort}
          pending={query.isPending}
          fetching={query.isFetching}
          onRowClick={(c) => navigate(link(c.id))}
          rowProps={(c) => ({ 'data-testid': 'company-row', 'data-company-id': c.id, 'data-name': c.name })}
          testId="companies-table"
          sortTestIdPrefix="companies-sort"
          empty={
            <EmptyState title={t('empty.title')}>
              {view.hasFilters ? t('empty.filtered') : t('empty.hint')}
            </EmptyState>
          }
        />
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={companies.length}
        testId="companies-load-more"
      />
    </Paper>
  );
}

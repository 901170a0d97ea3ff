import { Paper, Select, TextInput } from '@mantine/core';
import { IconTag } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Company } from '../../../../../contracts/companies';
import { EmptyState } from '../../../components/empty-state';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { useDebouncedFilter } from '../../../lib/use-debounced-filter';
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
  const [tag, setTag] = useDebouncedFilter(filters.tag, (next) => view.setFilters({ tag: next.trim() }));

  const query = useCompanies(filters, sort);
  const link = (id: string) => `/companies/${id}`;

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<CompanyFilterKey, Company>
        view={view}
        searchPlaceholder={t('filters.search')}
        testIdPrefix="companies"
        resetLabel={t('common:listView.resetFilters')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('export.fileName')}
        fetchPage={(cursor, limit) => fetchCompaniesPage(filters, sort, cursor, limit)}
        filters={
          <>
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
          </>
        }
      />

      <ListViewBody<Company>
        query={query}
        columns={columns}
        getKey={(c) => c.id}
        sort={sort}
        onSort={view.setSort}
        onRowClick={(c) => navigate(link(c.id))}
        rowProps={(c) => ({ 'data-testid': 'company-row', 'data-company-id': c.id, 'data-name': c.name })}
        empty={
          <EmptyState title={t('empty.title')}>
            {view.hasFilters ? t('empty.filtered') : t('empty.hint')}
          </EmptyState>
        }
        testIdPrefix="companies"
      />
    </Paper>
  );
}

import { Button, Group, Paper, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Contact } from '../../../../../contracts/companies';
import { ColumnPicker } from '../../../components/column-picker';
import { EmptyState } from '../../../components/empty-state';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { ListTable } from '../../../components/list-table';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { CompanyPicker } from '../../../components/record-pickers';
import { SavedViews } from '../../../components/saved-views';
import { useListViewState } from '../../../lib/use-list-view-state';
import {
  CONTACT_FILTER_KEYS,
  CONTACT_SORTS,
  type ContactFilterKey,
  fetchContactsPage,
  useContacts,
} from '../api/contacts-api';
import { useOwnerOptions } from '../api/lookups-api';
import { CONTACT_COLUMNS, useContactColumns } from './contact-columns';

const CONFIG = {
  listId: 'contacts',
  filterKeys: CONTACT_FILTER_KEYS,
  sorts: CONTACT_SORTS,
  defaultSort: 'lastName',
  columns: CONTACT_COLUMNS,
};

/** Contacts with search, company and owner filters, columns, saved views, CSV export, "load more". */
export function ContactsList() {
  const { t } = useTranslation('companies');
  const navigate = useNavigate();
  const view = useListViewState<ContactFilterKey>(CONFIG);
  const { filters, sort } = view;
  const allColumns = useContactColumns();
  const columns = useMemo(
    () => allColumns.filter((c) => view.columns.includes(c.id)),
    [allColumns, view.columns],
  );
  const owners = useOwnerOptions();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => setSearch(filters.q), [filters.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced search text starts a new query
  useEffect(() => {
    if (debounced !== filters.q) view.setFilters({ q: debounced });
  }, [debounced]);

  const query = useContacts(filters, sort);
  const contacts = query.data?.pages.flatMap((p) => p.items) ?? [];
  const link = (id: string) => `/contacts/${id}${view.search ? `?${view.search}` : ''}`;

  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
        <TextInput
          placeholder={t('contacts.filters.search')}
          aria-label={t('contacts.filters.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="contacts-search"
          style={{ flex: '1 1 220px' }}
        />
        <CompanyPicker
          placeholder={t('contacts.filters.allCompanies')}
          aria-label={t('contacts.fields.company')}
          value={filters.companyId || null}
          onChange={(id) => view.setFilters({ companyId: id ?? '' })}
          clearable
          data-testid="contacts-company-filter"
          w={240}
        />
        <Select
          placeholder={t('filters.allOwners')}
          aria-label={t('fields.owner')}
          data={owners.data ?? []}
          value={filters.ownerId || null}
          onChange={(value) => view.setFilters({ ownerId: value ?? '' })}
          clearable
          searchable
          data-testid="contacts-owner-filter"
          w={180}
        />
        {view.hasFilters ? (
          <Button
            variant="subtle"
            leftSection={<IconFilterOff size={16} />}
            onClick={view.resetFilters}
            data-testid="contacts-reset-filters"
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
          <ExportCsvButton<Contact>
            baseName={t('contacts.export.fileName')}
            columns={columns
              .filter((c) => c.csv)
              .map((c) => ({ header: c.label, value: (item: Contact) => c.csv?.(item) }))}
            fetchPage={(cursor, limit) => fetchContactsPage(filters, sort, cursor, limit)}
          />
        </Group>
      </Group>

      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ListTable
          columns={columns}
          items={contacts}
          getKey={(c) => c.id}
          sort={sort}
          onSort={view.setSort}
          pending={query.isPending}
          fetching={query.isFetching}
          onRowClick={(c) => navigate(link(c.id))}
          rowProps={(c) => ({
            'data-testid': 'contact-row',
            'data-contact-id': c.id,
            'data-name': c.name,
            'data-email': c.primaryEmail ?? undefined,
          })}
          testId="contacts-table"
          sortTestIdPrefix="contacts-sort"
          empty={
            <EmptyState title={t('contacts.empty.title')}>
              {view.hasFilters ? t('empty.filtered') : t('contacts.empty.hint')}
            </EmptyState>
          }
        />
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={contacts.length}
        testId="contacts-load-more"
      />
    </Paper>
  );
}

import { Paper, Select } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Contact } from '../../../../../contracts/companies';
import { EmptyState } from '../../../components/empty-state';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { CompanyPicker } from '../../../components/record-pickers';
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

  const query = useContacts(filters, sort);
  const link = (id: string) => `/contacts/${id}${view.search ? `?${view.search}` : ''}`;

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<ContactFilterKey, Contact>
        view={view}
        searchPlaceholder={t('contacts.filters.search')}
        testIdPrefix="contacts"
        resetLabel={t('common:listView.resetFilters')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('contacts.export.fileName')}
        fetchPage={(cursor, limit) => fetchContactsPage(filters, sort, cursor, limit)}
        filters={
          <>
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
          </>
        }
      />

      <ListViewBody<Contact>
        query={query}
        columns={columns}
        getKey={(c) => c.id}
        sort={sort}
        onSort={view.setSort}
        onRowClick={(c) => navigate(link(c.id))}
        rowProps={(c) => ({
          'data-testid': 'contact-row',
          'data-contact-id': c.id,
          'data-name': c.name,
          'data-email': c.primaryEmail ?? undefined,
        })}
        empty={
          <EmptyState title={t('contacts.empty.title')}>
            {view.hasFilters ? t('empty.filtered') : t('contacts.empty.hint')}
          </EmptyState>
        }
        testIdPrefix="contacts"
      />
    </Paper>
  );
}

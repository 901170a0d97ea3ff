import { Anchor, Checkbox, Group, Paper, Select, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { InvoiceStatus, InvoiceSummary } from '../../../../../contracts/billing';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { EmptyState } from '../../../components/empty-state';
import type { ListColumn } from '../../../components/list-table';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { CompanyPicker } from '../../../components/record-pickers';
import { useFormat } from '../../../lib/use-format';
import { useListViewState } from '../../../lib/use-list-view-state';
import { useDunningSettings } from '../api/dunning-api';
import {
  fetchInvoicesPage,
  INVOICE_SORTS,
  type InvoiceFilters,
  type InvoiceSort,
  useInvoices,
} from '../api/invoices-api';
import { DunningLevelBadge, dunningLevelOptions, useDunningLevelName } from './dunning-level-badge';
import { InvoiceStatusBadge } from './invoice-status-badge';
import { INVOICE_STATUSES, statusOptions } from './options';

const FILTER_KEYS = [
  'q',
  'status',
  'kind',
  'overdue',
  'open',
  'companyId',
  'dueFrom',
  'dueTo',
  'dunningLevel',
] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const COLUMN_IDS = [
  'number',
  'buyer',
  'issueDate',
  'dueDate',
  'net',
  'gross',
  'open',
  'status',
  'dunningLevel',
  'createdAt',
] as const;
const HIDDEN_BY_DEFAULT = new Set(['net', 'createdAt']);
const VIEW_COLUMNS = COLUMN_IDS.map((id) => ({
  id,
  defaultVisible: !HIDDEN_BY_DEFAULT.has(id),
  alwaysVisible: id === 'number',
}));

function toFilters(filters: Record<FilterKey, string>, sort: string): InvoiceFilters {
  return {
    ...filters,
    status: (INVOICE_STATUSES as string[]).includes(filters.status) ? (filters.status as InvoiceStatus) : '',
    kind: filters.kind === 'invoice' || filters.kind === 'credit_note' ? filters.kind : '',
    sort: sort as InvoiceSort,
  };
}

/** Credit notes count negative in sums and lists. */
const signed = (i: InvoiceSummary, cents: number) => (i.kind === 'credit_note' ? -cents : cents);

function useColumns(t: TFunction): ListColumn<InvoiceSummary>[] {
  const fmt = useFormat();
  const levelName = useDunningLevelName();
  return [
    {
      id: 'number',
      label: t('fields.number'),
      sortField: 'number',
      alwaysVisible: true,
      nowrap: true,
      render: (i) => (
        <Anchor component={Link} to={`/invoices/${i.id}`} size="sm" fw={500} data-testid="invoice-row-link">
          {i.number ?? t('list.draftNumber')}
        </Anchor>
      ),
      csv: (i) => i.number ?? '',
    },
    {
      id: 'buyer',
      label: t('fields.buyer'),
      render: (i) => <Text size="sm">{i.buyer.name}</Text>,
      csv: (i) => i.buyer.name,
    },
    {
      id: 'issueDate',
      label: t('fields.issueDate'),
      sortField: 'issueDate',
      nowrap: true,
      render: (i) => <Text size="sm">{i.issueDate ? fmt.date(i.issueDate) : '—'}</Text>,
      csv: (i) => (i.issueDate ? fmt.date(i.issueDate) : ''),
    },
    {
      id: 'dueDate',
      label: t('fields.dueDate'),
      sortField: 'dueDate',
      nowrap: true,
      render: (i) => (
        <Text size="sm" c={i.overdue ? 'red' : undefined} fw={i.overdue ? 600 : undefined}>
          {i.dueDate ? fmt.date(i.dueDate) : '—'}
        </Text>
      ),
      csv: (i) => (i.dueDate ? fmt.date(i.dueDate) : ''),
    },
    {
      id: 'net',
      label: t('fields.net'),
      align: 'right',
      nowrap: true,
      render: (i) => <Text size="sm">{fmt.money(signed(i, i.netCents), 'EUR')}</Text>,
      csv: (i) => fmt.money(signed(i, i.netCents), 'EUR'),
    },
    {
      id: 'gross',
      label: t('fields.gross'),
      sortField: 'grossCents',
      align: 'right',
      nowrap: true,
      render: (i) => <Text size="sm">{fmt.money(signed(i, i.grossCents), 'EUR')}</Text>,
      csv: (i) => fmt.money(signed(i, i.grossCents), 'EUR'),
    },
    {
      id: 'open',
      label: t('fields.open'),
      sortField: 'openCents',
      align: 'right',
      nowrap: true,
      render: (i) => (
        <Text size="sm" fw={i.openCents > 0 ? 500 : undefined}>
          {i.openCents > 0 ? fmt.money(i.openCents, 'EUR') : '—'}
        </Text>
      ),
      csv: (i) => fmt.money(i.openCents, 'EUR'),
    },
    {
      id: 'status',
      label: t('fields.status'),
      nowrap: true,
      render: (i) => <InvoiceStatusBadge status={i.status} overdue={i.overdue} kind={i.kind} />,
      csv: (i) => `${t(`status.${i.status}`)}${i.overdue ? ` (${t('status.overdue')})` : ''}`,
    },
    {
      id: 'dunningLevel',
      label: t('dunning:list.column'),
      nowrap: true,
      render: (i) =>
        i.dunningLevel > 0 || i.dunningBlocked ? (
          <Group gap={4} wrap="nowrap" data-testid="invoice-dunning-level" data-level={i.dunningLevel}>
            <DunningLevelBadge level={i.dunningLevel} blocked={i.dunningBlocked} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ),
      csv: (i) =>
        `${i.dunningLevel > 0 ? levelName(i.dunningLevel) : ''}${i.dunningBlocked ? ` (${t('dunning:block.blocked')})` : ''}`,
    },
    {
      id: 'createdAt',
      label: t('fields.createdAt'),
      sortField: 'createdAt',
      nowrap: true,
      render: (i) => <Text size="sm">{fmt.date(i.createdAt)}</Text>,
      csv: (i) => fmt.date(i.createdAt),
    },
  ];
}

/**
 * The invoice list: filters (status, kind, overdue, open, company, due range, dunning level, search) and sort in
 * the URL, column choice and saved views per user, "load more" pages and a CSV export of the view.
 */
export function InvoicesList() {
  const { t } = useTranslation('billing');
  const navigate = useNavigate();
  const view = useListViewState<FilterKey>({
    listId: 'invoices',
    filterKeys: FILTER_KEYS,
    sorts: INVOICE_SORTS,
    defaultSort: '-createdAt',
    columns: VIEW_COLUMNS,
  });
  const filters = toFilters(view.filters, view.sort);
  const allColumns = useColumns(t);
  const columns = allColumns.filter((c) => view.columns.includes(c.id));

  const query = useInvoices(filters);
  const dunningSettings = useDunningSettings();
  const set = (key: FilterKey) => (value: string | null) => view.setFilters({ [key]: value ?? '' });

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<FilterKey, InvoiceSummary>
        view={view}
        layout="stacked"
        searchPlaceholder={t('filters.search')}
        testIdPrefix="invoices"
        resetLabel={t('filters.reset')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('export.fileName')}
        fetchPage={(cursor, limit) => fetchInvoicesPage(filters, cursor, limit)}
        filters={
          <>
            <Select
              placeholder={t('filters.allStatuses')}
              aria-label={t('fields.status')}
              data={statusOptions(t)}
              value={filters.status || null}
              onChange={set('status')}
              clearable
              w={160}
              data-testid="invoices-status-filter"
            />
            <Select
              placeholder={t('filters.allKinds')}
              aria-label={t('fields.kind')}
              data={[
                { value: 'invoice', label: t('kind.invoice') },
                { value: 'credit_note', label: t('kind.credit_note') },
              ]}
              value={filters.kind || null}
              onChange={set('kind')}
              clearable
              w={160}
              data-testid="invoices-kind-filter"
            />
            <CompanyPicker
              placeholder={t('filters.allCompanies')}
              aria-label={t('fields.company')}
              value={filters.companyId || null}
              onChange={set('companyId')}
              clearable
              w={220}
              data-testid="invoices-company-filter"
            />
            <LazyDateInput
              placeholder={t('filters.dueFrom')}
              aria-label={t('filters.dueFrom')}
              value={filters.dueFrom || null}
              onChange={set('dueFrom')}
              clearable
              w={150}
              data-testid="invoices-due-from"
            />
            <LazyDateInput
              placeholder={t('filters.dueTo')}
              aria-label={t('filters.dueTo')}
              value={filters.dueTo || null}
              onChange={set('dueTo')}
              clearable
              w={150}
              data-testid="invoices-due-to"
            />
            <Select
              placeholder={t('dunning:list.allLevels')}
              aria-label={t('dunning:list.column')}
              data={dunningLevelOptions(dunningSettings.data, t)}
              value={filters.dunningLevel || null}
              onChange={set('dunningLevel')}
              clearable
              w={190}
              data-testid="invoices-dunning-filter"
            />
          </>
        }
        options={
          <>
            <Checkbox
              label={t('filters.open')}
              checked={filters.open === 'true'}
              onChange={(e) => view.setFilters({ open: e.currentTarget.checked ? 'true' : '' })}
              data-testid="invoices-open-filter"
            />
            <Checkbox
              label={t('filters.overdue')}
              checked={filters.overdue === 'true'}
              onChange={(e) => view.setFilters({ overdue: e.currentTarget.checked ? 'true' : '' })}
              data-testid="invoices-overdue-filter"
            />
          </>
        }
      />

      <ListViewBody<InvoiceSummary>
        query={query}
        columns={columns}
        getKey={(i) => i.id}
        sort={view.sort}
        onSort={view.setSort}
        onRowClick={(i) => navigate(`/invoices/${i.id}`)}
        rowProps={(i) => ({
          'data-testid': 'invoice-row',
          'data-invoice-id': i.id,
          'data-number': i.number ?? '',
          'data-status': i.status,
        })}
        minWidth={1100}
        empty={
          <EmptyState title={t('list.emptyTitle')}>
            {view.hasFilters ? t('list.emptyFiltered') : t('list.emptyHint')}
          </EmptyState>
        }
        testIdPrefix="invoices"
      />
    </Paper>
  );
}

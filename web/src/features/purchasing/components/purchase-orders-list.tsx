import { Anchor, Checkbox, Paper, Select, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PO_STATUSES, type PurchaseOrderListItem } from '../../../../../contracts/purchasing';
import { EmptyState } from '../../../components/empty-state';
import type { ListColumn } from '../../../components/list-table';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { useFormat } from '../../../lib/use-format';
import { useListViewState } from '../../../lib/use-list-view-state';
import {
  fetchPurchaseOrdersPage,
  PO_SORTS,
  type PurchaseOrderFilters,
  type PurchaseOrderSort,
  usePurchaseOrders,
} from '../api/purchase-orders-api';
import { PurchaseOrderStatusBadge } from './po-status-badge';
import { SupplierSelect } from './supplier-select';

const FILTER_KEYS = ['q', 'status', 'supplierId', 'overdue'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

const COLUMN_IDS = ['number', 'supplier', 'status', 'expectedDate', 'net', 'lines', 'createdAt'] as const;
const VIEW_COLUMNS = COLUMN_IDS.map((id) => ({ id, defaultVisible: true, alwaysVisible: id === 'number' }));
const STATUS_FILTERS = ['open', ...PO_STATUSES] as const;

function toFilters(filters: Record<FilterKey, string>, sort: string): PurchaseOrderFilters {
  return {
    ...filters,
    status: (STATUS_FILTERS as readonly string[]).includes(filters.status)
      ? (filters.status as PurchaseOrderFilters['status'])
      : '',
    sort: sort as PurchaseOrderSort,
  };
}

function useColumns(t: TFunction): ListColumn<PurchaseOrderListItem>[] {
  const fmt = useFormat();
  return [
    {
      id: 'number',
      label: t('fields.number'),
      sortField: 'number',
      alwaysVisible: true,
      nowrap: true,
      render: (po) => (
        <Anchor
          component={Link}
          to={`/purchase-orders/${po.id}`}
          size="sm"
          fw={500}
          data-testid="po-row-link"
        >
          {po.number}
        </Anchor>
      ),
      csv: (po) => po.number,
    },
    {
      id: 'supplier',
      label: t('fields.supplier'),
      sortField: 'supplier',
      render: (po) => <Text size="sm">{po.supplierName}</Text>,
      csv: (po) => po.supplierName,
    },
    {
      id: 'status',
      label: t('fields.status'),
      nowrap: true,
      render: (po) => <PurchaseOrderStatusBadge status={po.status} overdue={po.overdue} />,
      csv: (po) => `${t(`status.${po.status}`)}${po.overdue ? ` (${t('status.overdue')})` : ''}`,
    },
    {
      id: 'expectedDate',
      label: t('fields.expectedDate'),
      sortField: 'expectedDate',
      nowrap: true,
      render: (po) => (
        <Text
          size="sm"
          c={po.overdue ? 'red' : undefined}
          fw={po.overdue ? 600 : undefined}
          data-testid="po-expected-date"
          data-overdue={po.overdue ? 'true' : 'false'}
        >
          {po.expectedDate ? fmt.date(po.expectedDate) : '—'}
        </Text>
      ),
      csv: (po) => (po.expectedDate ? fmt.date(po.expectedDate) : ''),
    },
    {
      id: 'net',
      label: t('fields.net'),
      sortField: 'netCents',
      align: 'right',
      nowrap: true,
      render: (po) => <Text size="sm">{fmt.money(po.netCents, 'EUR')}</Text>,
      csv: (po) => fmt.money(po.netCents, 'EUR'),
    },
    {
      id: 'lines',
      label: t('fields.lines'),
      align: 'right',
      render: (po) => <Text size="sm">{po.lineCount}</Text>,
      csv: (po) => po.lineCount,
    },
    {
      id: 'createdAt',
      label: t('fields.createdAt'),
      sortField: 'createdAt',
      nowrap: true,
      render: (po) => <Text size="sm">{fmt.date(po.createdAt)}</Text>,
      csv: (po) => fmt.date(po.createdAt),
    },
  ];
}

/**
 * The purchase order list: status (or "open"), supplier, overdue and search, sort and paging with the
 * filters in the URL, column choice, saved views and a CSV export of the view.
 */
export function PurchaseOrdersList() {
  const { t } = useTranslation('purchasing');
  const navigate = useNavigate();
  const view = useListViewState<FilterKey>({
    listId: 'purchase-orders',
    filterKeys: FILTER_KEYS,
    sorts: PO_SORTS,
    defaultSort: '-createdAt',
    columns: VIEW_COLUMNS,
  });
  const filters = toFilters(view.filters, view.sort);
  const allColumns = useColumns(t);
  const columns = allColumns.filter((c) => view.columns.includes(c.id));
  const query = usePurchaseOrders(filters);
  // the supplier's name for the filter once chosen (the URL holds only the id)
  const [supplierName, setSupplierName] = useState<string | null>(null);

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<FilterKey, PurchaseOrderListItem>
        view={view}
        searchPlaceholder={t('filters.search')}
        testIdPrefix="purchase-orders"
        resetLabel={t('filters.reset')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('export.fileName')}
        fetchPage={(cursor, limit) => fetchPurchaseOrdersPage(filters, cursor, limit)}
        filters={
          <>
            <Select
              placeholder={t('filters.allStatuses')}
              aria-label={t('fields.status')}
              data={STATUS_FILTERS.map((s) => ({
                value: s,
                label: s === 'open' ? t('filters.open') : t(`status.${s}`),
              }))}
              value={filters.status || null}
              onChange={(v) => view.setFilters({ status: v ?? '' })}
              clearable
              w={190}
              data-testid="purchase-orders-status-filter"
            />
            <SupplierSelect
              placeholder={t('filters.allSuppliers')}
              value={filters.supplierId || null}
              label={supplierName}
              onChange={(id, name) => {
                setSupplierName(name);
                view.setFilters({ supplierId: id ?? '' });
              }}
              clearable
              w={240}
              testId="purchase-orders-supplier-filter"
            />
            <Checkbox
              label={t('filters.overdue')}
              checked={filters.overdue === 'true'}
              onChange={(e) => view.setFilters({ overdue: e.currentTarget.checked ? 'true' : '' })}
              data-testid="purchase-orders-overdue-filter"
            />
          </>
        }
      />
      <ListViewBody<PurchaseOrderListItem>
        query={query}
        columns={columns}
        getKey={(po) => po.id}
        sort={view.sort}
        onSort={view.setSort}
        onRowClick={(po) => navigate(`/purchase-orders/${po.id}`)}
        rowProps={(po) => ({
          'data-testid': `po-row-${po.number}`,
          'data-po-id': po.id,
          'data-status': po.status,
        })}
        minWidth={900}
        empty={
          <EmptyState title={t('list.emptyTitle')}>
            {view.hasFilters ? t('list.emptyFiltered') : t('list.emptyHint')}
          </EmptyState>
        }
        testIdPrefix="purchase-orders"
      />
    </Paper>
  );
}

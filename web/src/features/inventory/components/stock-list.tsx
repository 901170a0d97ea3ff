import { Anchor, Badge, Checkbox, Group, Paper, Select, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { STOCK_SORT_FIELDS, type StockLevel } from '../../../../../contracts/inventory';
import { EmptyState } from '../../../components/empty-state';
import type { ListColumn } from '../../../components/list-table';
import { ListViewBody } from '../../../components/list-view-body';
import { ListViewToolbar } from '../../../components/list-view-toolbar';
import { useFormat } from '../../../lib/use-format';
import { useListViewState } from '../../../lib/use-list-view-state';
import { fetchStockPage, type StockFilters, useStockLevels, useWarehouses } from '../api/inventory-api';
import { useQuantity } from './use-quantity';

const FILTER_KEYS = ['q', 'warehouseId', 'low'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const SORTS = STOCK_SORT_FIELDS.flatMap((f) => [f, `-${f}`]);

const COLUMN_IDS = [
  'sku',
  'name',
  'onHand',
  'reserved',
  'onOrder',
  'available',
  'projected',
  'reorderPoint',
  'value',
] as const;
const VIEW_COLUMNS = COLUMN_IDS.map((id) => ({ id, alwaysVisible: id === 'sku' }));

/** The low-stock badge: projected stock is below the reorder point. */
export function LowStockBadge({
  level,
}: {
  level: Pick<StockLevel, 'belowReorderPoint' | 'available' | 'sku'>;
}) {
  const { t } = useTranslation('inventory');
  if (!level.belowReorderPoint) return null;
  return (
    <Badge
      color={level.available <= 0 ? 'red' : 'orange'}
      variant="light"
      size="sm"
      style={{ flexShrink: 0 }}
      data-testid={`stock-low-${level.sku}`}
    >
      {t('list.lowBadge')}
    </Badge>
  );
}

function useColumns(t: TFunction): ListColumn<StockLevel>[] {
  const fmt = useFormat();
  const { qty, unit } = useQuantity();
  const num = (id: string, label: string, value: (l: StockLevel) => number | null, sortField?: string) =>
    ({
      id,
      label,
      sortField,
      align: 'right',
      nowrap: true,
      render: (l) => {
        const v = value(l);
        return (
          <Text
            size="sm"
            c={
              v !== null && v < 0 && id !== 'reserved'
                ? 'red'
                : id === 'projected' && l.belowReorderPoint
                  ? 'orange'
                  : undefined
            }
            fw={id === 'projected' && l.belowReorderPoint ? 600 : undefined}
            data-testid={`stock-${id.toLowerCase()}-${l.sku}`}
            data-value={v ?? ''}
          >
            {v === null ? '—' : qty(v)}
          </Text>
        );
      },
      csv: (l) => {
        const v = value(l);
        return v === null ? '' : qty(v);
      },
    }) satisfies ListColumn<StockLevel>;
  return [
    {
      id: 'sku',
      label: t('fields.sku'),
      sortField: 'sku',
      alwaysVisible: true,
      nowrap: true,
      render: (l) => (
        <Anchor component={Link} to={`/products/${l.productId}`} size="sm" ff="monospace">
          {l.sku}
        </Anchor>
      ),
      csv: (l) => l.sku,
    },
    {
      id: 'name',
      label: t('fields.product'),
      sortField: 'name',
      render: (l) => (
        <Group gap="xs" wrap="nowrap">
          <Text size="sm">{l.productName}</Text>
          <LowStockBadge level={l} />
        </Group>
      ),
      csv: (l) => `${l.productName}${l.belowReorderPoint ? ` (${t('list.lowBadge')})` : ''}`,
    },
    num('onHand', t('fields.onHand'), (l) => l.onHand, 'onHand'),
    num('reserved', t('fields.reserved'), (l) => l.reserved),
    num('onOrder', t('fields.onOrder'), (l) => l.onOrder),
    num('available', t('fields.available'), (l) => l.available, 'available'),
    num('projected', t('fields.projected'), (l) => l.projected, 'projected'),
    {
      ...num('reorderPoint', t('fields.reorderPoint'), (l) => l.reorderPoint),
      render: (l) => (
        <Text size="sm" data-testid={`stock-reorderpoint-${l.sku}`}>
          {l.reorderPoint === null ? '—' : `${qty(l.reorderPoint)} ${unit(l.unit)}`}
        </Text>
      ),
    },
    {
      id: 'value',
      label: t('fields.value'),
      sortField: 'value',
      align: 'right',
      nowrap: true,
      render: (l) => (
        <Text size="sm" data-testid={`stock-value-${l.sku}`}>
          {fmt.money(l.valueCents, 'EUR')}
        </Text>
      ),
      csv: (l) => fmt.money(l.valueCents, 'EUR'),
    },
  ];
}

/**
 * The stock overview: one row per stock-tracked product in a warehouse with on hand, reserved, on
 * order, available, projected, reorder point and value; products below their reorder point are
 * marked. Search, warehouse, "only below reorder point" and sort are in the URL; a row opens the product.
 */
export function StockList() {
  const { t } = useTranslation('inventory');
  const navigate = useNavigate();
  const warehouses = useWarehouses();
  const view = useListViewState<FilterKey>({
    listId: 'stock',
    filterKeys: FILTER_KEYS,
    sorts: SORTS,
    defaultSort: 'sku',
    columns: VIEW_COLUMNS,
  });
  const filters: StockFilters = { ...view.filters, sort: view.sort };
  const allColumns = useColumns(t);
  const columns = allColumns.filter((c) => view.columns.includes(c.id));
  const query = useStockLevels(filters);
  const activeWarehouses = (warehouses.data ?? []).filter((w) => w.active || w.id === filters.warehouseId);

  return (
    <Paper withBorder radius="md" p="md">
      <ListViewToolbar<FilterKey, StockLevel>
        view={view}
        searchPlaceholder={t('list.search')}
        testIdPrefix="stock"
        resetLabel={t('list.reset')}
        allColumns={allColumns}
        columns={columns}
        exportFileName={t('list.exportFileName')}
        fetchPage={(cursor, limit) => fetchStockPage(filters, cursor, limit)}
        filters={
          <>
            {activeWarehouses.length > 1 ? (
              <Select
                aria-label={t('fields.warehouse')}
                placeholder={t('list.defaultWarehouse')}
                data={activeWarehouses.map((w) => ({
                  value: w.id,
                  label: `${w.code} · ${w.name}${w.isDefault ? ` (${t('warehouses.default')})` : ''}`,
                }))}
                value={filters.warehouseId || null}
                onChange={(v) => view.setFilters({ warehouseId: v ?? '' })}
                clearable
                w={240}
                data-testid="stock-warehouse"
              />
            ) : null}
            <Checkbox
              label={t('list.onlyLow')}
              checked={filters.low === 'true'}
              onChange={(e) => view.setFilters({ low: e.currentTarget.checked ? 'true' : '' })}
              data-testid="stock-low-filter"
              style={{ alignSelf: 'center' }}
            />
          </>
        }
      />
      <ListViewBody<StockLevel>
        query={query}
        columns={columns}
        getKey={(l) => `${l.productId}:${l.warehouseId}`}
        sort={view.sort}
        onSort={view.setSort}
        onRowClick={(l) => navigate(`/products/${l.productId}`)}
        rowProps={(l) => ({
          'data-testid': `stock-row-${l.sku}`,
          'data-product-id': l.productId,
          'data-low': l.belowReorderPoint ? 'true' : 'false',
        })}
        minWidth={1000}
        empty={
          <EmptyState title={t('list.empty')}>
            {view.hasFilters ? t('list.emptyFiltered') : t('list.emptyHint')}
          </EmptyState>
        }
        testIdPrefix="stock"
      />
    </Paper>
  );
}

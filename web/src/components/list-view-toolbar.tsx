import { Button, Group, TextInput } from '@mantine/core';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ListResponse } from '../../../contracts/common';
import { useDebouncedFilter } from '../lib/use-debounced-filter';
import type { ListViewState } from '../lib/use-list-view-state';
import { ColumnPicker } from './column-picker';
import { ExportCsvButton } from './export-csv-button';
import type { ListColumn } from './list-table';
import { SavedViews } from './saved-views';

/**
 * The toolbar of a list view: the search box (applied after a pause), the feature's filters, a
 * "reset filters" button while any filter is set, and saved views, column choice and CSV export.
 * `inline` puts it all in one row; `stacked` puts the filters in a first row and `options`
 * (checkboxes), reset and the view actions in a second one.
 */
export function ListViewToolbar<F extends string, T>({
  view,
  searchPlaceholder,
  testIdPrefix,
  filters,
  options,
  layout = 'inline',
  resetLabel,
  allColumns,
  columns,
  exportFileName,
  fetchPage,
}: {
  /** The list's state; its filters include `q`, the search text. */
  view: ListViewState<F>;
  searchPlaceholder: string;
  /** `invoices` gives `invoices-search`, `invoices-reset-filters`. */
  testIdPrefix: string;
  filters: ReactNode;
  options?: ReactNode;
  layout?: 'inline' | 'stacked';
  resetLabel: string;
  /** Every column the list has (for the column picker). */
  allColumns: readonly ListColumn<T>[];
  /** The visible columns (exported). */
  columns: readonly ListColumn<T>[];
  exportFileName: string;
  fetchPage: (cursor: string | null, limit: number) => Promise<ListResponse<T>>;
}) {
  const q = 'q' as F;
  const [search, setSearch] = useDebouncedFilter(view.filters[q], (next) =>
    view.setFilters({ [q]: next } as Partial<Record<F, string>>),
  );
  const stacked = layout === 'stacked';

  const searchInput = (
    <TextInput
      placeholder={searchPlaceholder}
      aria-label={searchPlaceholder}
      leftSection={<IconSearch size={16} />}
      value={search}
      onChange={(e) => setSearch(e.currentTarget.value)}
      data-testid={`${testIdPrefix}-search`}
      style={{ flex: '1 1 220px' }}
    />
  );
  const reset = view.hasFilters ? (
    <Button
      variant="subtle"
      size={stacked ? 'xs' : undefined}
      leftSection={<IconFilterOff size={stacked ? 14 : 16} />}
      onClick={() => {
        setSearch('');
        view.resetFilters();
      }}
      data-testid={`${testIdPrefix}-reset-filters`}
    >
      {resetLabel}
    </Button>
  ) : null;
  const actions = (
    <>
      <SavedViews
        views={view.views}
        activeViewId={view.activeView?.id ?? null}
        onApply={view.applyView}
        onDelete={(v) => view.deleteView(v.id)}
        onSave={(name) => view.saveView(name)}
      />
      <ColumnPicker
        columns={allColumns.map((c) => ({ id: c.id, label: c.label, alwaysVisible: c.alwaysVisible }))}
        visible={view.columns}
        onChange={view.setColumns}
        onReset={view.resetColumns}
      />
      <ExportCsvButton<T>
        baseName={exportFileName}
        columns={columns.flatMap((c) => (c.csv ? [{ header: c.label, value: c.csv }] : []))}
        fetchPage={fetchPage}
      />
    </>
  );

  if (stacked) {
    return (
      <>
        <Group mb="sm" gap="sm" wrap="wrap" align="flex-end">
          {searchInput}
          {filters}
        </Group>
        <Group mb="md" gap="sm" justify="space-between">
          <Group gap="md">
            {options}
            {reset}
          </Group>
          <Group gap="sm">{actions}</Group>
        </Group>
      </>
    );
  }
  return (
    <Group mb="md" gap="sm" wrap="wrap" align="flex-end">
      {searchInput}
      {filters}
      {reset}
      <Group gap="xs" ml="auto" wrap="nowrap">
        {actions}
      </Group>
    </Group>
  );
}

import { ScrollArea, Skeleton, Table } from '@mantine/core';
import type { HTMLAttributes, ReactNode } from 'react';
import { SortableTh } from './sortable-th';

/**
 * A column of a list view: its header, how a cell looks, how it is exported, whether the list
 * can sort by it. The same definitions drive the table, the column picker and the CSV export.
 */
export interface ListColumn<T> {
  id: string;
  label: string;
  render: (item: T) => ReactNode;
  /** The cell in a CSV export (formatted as shown); columns without it are not exported. */
  csv?: (item: T) => string | number | boolean | null | undefined;
  /** The API's `?sort=` field (ascending; `-field` descending). */
  sortField?: string;
  defaultVisible?: boolean;
  alwaysVisible?: boolean;
  /** Keep the cell on one line (dates, amounts). */
  nowrap?: boolean;
  align?: 'left' | 'right';
}

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | undefined>;

/** A sortable table of the visible columns, with skeleton rows while the first page loads. */
export function ListTable<T>({
  columns,
  items,
  getKey,
  sort,
  onSort,
  pending,
  fetching,
  onRowClick,
  rowProps,
  testId,
  sortTestIdPrefix,
  empty,
  minWidth = 760,
}: {
  columns: readonly ListColumn<T>[];
  items: readonly T[];
  getKey: (item: T) => string;
  sort: string;
  onSort: (sort: string) => void;
  pending: boolean;
  fetching?: boolean;
  onRowClick?: (item: T) => void;
  rowProps?: (item: T) => RowAttributes;
  testId?: string;
  /** `companies-sort` gives header buttons `companies-sort-name`, … */
  sortTestIdPrefix?: string;
  empty?: ReactNode;
  minWidth?: number;
}) {
  return (
    <ScrollArea>
      <Table
        highlightOnHover
        verticalSpacing="sm"
        data-testid={testId}
        data-loading={fetching ? 'true' : 'false'}
        miw={minWidth}
      >
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) =>
              column.sortField ? (
                <SortableTh
                  key={column.id}
                  field={column.sortField}
                  sort={sort}
                  onSort={onSort}
                  testId={sortTestIdPrefix ? `${sortTestIdPrefix}-${column.id}` : undefined}
                >
                  {column.label}
                </SortableTh>
              ) : (
                <Table.Th key={column.id} style={{ textAlign: column.align ?? 'left' }}>
                  {column.label}
                </Table.Th>
              ),
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending
            ? Array.from({ length: 5 }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                <Table.Tr key={i}>
                  <Table.Td colSpan={columns.length}>
                    <Skeleton height={18} />
                  </Table.Td>
                </Table.Tr>
              ))
            : items.map((item) => (
                <Table.Tr
                  key={getKey(item)}
                  {...rowProps?.(item)}
                  style={onRowClick ? { cursor: 'pointer' } : undefined}
                  onClick={
                    onRowClick
                      ? (event) => {
                          // links and buttons inside a row do their own thing
                          if ((event.target as HTMLElement).closest('a, button, input')) return;
                          onRowClick(item);
                        }
                      : undefined
                  }
                >
                  {columns.map((column) => (
                    <Table.Td
                      key={column.id}
                      style={{
                        whiteSpace: column.nowrap ? 'nowrap' : undefined,
                        textAlign: column.align ?? 'left',
                      }}
                    >
                      {column.render(item)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
      {!pending && items.length === 0 ? empty : null}
    </ScrollArea>
  );
}

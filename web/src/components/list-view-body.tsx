import type { ComponentProps } from 'react';
import { ListTable } from './list-table';
import { LoadMore } from './load-more';
import { QueryError } from './query-error';

/** What a list view reads of its infinite query. */
export interface ListViewQuery<T> {
  data?: { pages: readonly { items: readonly T[] }[] };
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
  isPending: boolean;
  isFetching: boolean;
  hasNextPage?: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The loaded items of a list view's query (all pages so far). */
export function listItems<T>(query: ListViewQuery<T>): T[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}

/**
 * The body of a list view: the query's error with "retry", or the table of the loaded pages;
 * then "load more".
 */
export function ListViewBody<T>({
  query,
  testIdPrefix,
  ...table
}: Omit<
  ComponentProps<typeof ListTable<T>>,
  'items' | 'pending' | 'fetching' | 'testId' | 'sortTestIdPrefix'
> & {
  query: ListViewQuery<T>;
  /** `invoices` gives `invoices-table`, `invoices-sort-…` and `invoices-load-more`. */
  testIdPrefix: string;
}) {
  const items = listItems(query);
  return (
    <>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ListTable<T>
          {...table}
          items={items}
          pending={query.isPending}
          fetching={query.isFetching}
          testId={`${testIdPrefix}-table`}
          sortTestIdPrefix={`${testIdPrefix}-sort`}
        />
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={items.length}
        testId={`${testIdPrefix}-load-more`}
      />
    </>
  );
}

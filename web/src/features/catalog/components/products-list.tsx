import { Anchor, Badge, Group, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { SortableTh } from '../../../components/sortable-th';
import { useFormat } from '../../../lib/use-format';
import { type ProductFilters, useProducts } from '../api/products-api';

/** The products list: search by SKU or name, filter by kind and active, sort by column (all in the URL). */
export function ProductsList() {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [debouncedQ] = useDebouncedValue(q, 250);
  const filters: ProductFilters = {
    q: debouncedQ,
    kind: (params.get('kind') as ProductFilters['kind']) ?? '',
    active: (params.get('active') as ProductFilters['active']) ?? 'true',
  };
  const sort = params.get('sort') ?? 'name';
  const query = useProducts(filters, sort);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: string, value: string, fallback = '') => {
    const next = new URLSearchParams(params);
    if (value === fallback) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };

  return (
    <>
      <Group mb="md" align="end">
        <TextInput
          placeholder={t('list.search')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => set('q', e.currentTarget.value)}
          w={280}
          data-testid="products-search"
        />
        <Select
          label={t('fields.kind')}
          data={[
            { value: '', label: t('list.allKinds') },
            { value: 'stock', label: t('kinds.stock') },
            { value: 'service', label: t('kinds.service') },
          ]}
          value={filters.kind}
          onChange={(v) => set('kind', v ?? '')}
          allowDeselect={false}
          w={180}
          data-testid="products-kind"
        />
        <SegmentedControl
          data={[
            { value: 'true', label: t('list.active') },
            { value: 'false', label: t('list.inactive') },
            { value: 'all', label: t('list.all') },
          ]}
          value={filters.active}
          onChange={(v) => set('active', v, 'true')}
          data-testid="products-active"
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.isPending && items.length === 0 ? (
        <EmptyState title={t('list.empty')}>{t('list.emptyHint')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover data-testid="products-table">
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="sku" sort={sort} onSort={(s) => set('sort', s, 'name')}>
                  {t('fields.sku')}
                </SortableTh>
                <SortableTh field="name" sort={sort} onSort={(s) => set('sort', s, 'name')}>
                  {t('fields.name')}
                </SortableTh>
                <Table.Th>{t('fields.kind')}</Table.Th>
                <Table.Th>{t('fields.unit')}</Table.Th>
                <SortableTh field="salesPrice" sort={sort} onSort={(s) => set('sort', s, 'name')}>
                  {t('fields.salesPrice')}
                </SortableTh>
                <Table.Th>{t('fields.purchasePrice')}</Table.Th>
                <Table.Th>{t('fields.vatRate')}</Table.Th>
                <Table.Th>{t('fields.preferredSupplier')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id} data-testid={`product-row-${p.sku}`}>
                  <Table.Td>
                    <Anchor component={Link} to={`/products/${p.id}`} ff="monospace">
                      {p.sku}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm">{p.name}</Text>
                      {!p.active ? (
                        <Badge color="gray" variant="light" size="sm">
                          {t('inactive')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{t(`kinds.${p.kind}`)}</Table.Td>
                  <Table.Td>{t(`units.${p.unit}`, { defaultValue: p.unit })}</Table.Td>
                  <Table.Td data-testid="product-price">{fmt.money(p.salesPriceCents, p.currency)}</Table.Td>
                  <Table.Td>
                    {p.purchasePriceCents === null ? '–' : fmt.money(p.purchasePriceCents, p.currency)}
                  </Table.Td>
                  <Table.Td>{p.vatRate} %</Table.Td>
                  <Table.Td>
                    {p.preferredSupplierId ? (
                      <Anchor component={Link} to={`/companies/${p.preferredSupplierId}`} size="sm">
                        {p.preferredSupplierName}
                      </Anchor>
                    ) : (
                      '–'
                    )}
                    {p.supplierCount > 1 ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        +{p.supplierCount - 1}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={items.length}
      />
    </>
  );
}

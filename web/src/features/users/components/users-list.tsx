import { Group, Paper, ScrollArea, Select, Skeleton, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Role } from '../../../../../contracts/permissions';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { SortableTh } from '../../../components/sortable-th';
import { useFormat } from '../../../lib/use-format';
import { type UserFilters, type UserSort, useUsers } from '../api/users-api';
import { roleOptions } from './options';
import { ActiveBadge, RoleBadge } from './role-badge';

/** Users with search, role and status filters, sortable columns and "load more". */
export function UsersList({
  filters,
  onFiltersChange,
  getUserLink,
}: {
  filters: UserFilters;
  onFiltersChange: (next: UserFilters) => void;
  getUserLink: (id: string) => string;
}) {
  const { t } = useTranslation('users');
  const fmt = useFormat();
  const navigate = useNavigate();
  const [search, setSearch] = useState(filters.q);
  const [debounced] = useDebouncedValue(search, 300);

  // the URL can change the search from outside (header search)
  useEffect(() => setSearch(filters.q), [filters.q]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced search text starts a new query
  useEffect(() => {
    if (debounced !== filters.q) onFiltersChange({ ...filters, q: debounced });
  }, [debounced]);

  const query = useUsers(filters);
  const users = query.data?.pages.flatMap((p) => p.items) ?? [];
  const setSort = (sort: string) => onFiltersChange({ ...filters, sort: sort as UserSort });

  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="md" gap="sm" wrap="wrap">
        <TextInput
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="users-search"
          style={{ flex: '1 1 240px' }}
        />
        <Select
          placeholder={t('filters.allRoles')}
          aria-label={t('fields.role')}
          data={roleOptions(t)}
          value={filters.role || null}
          onChange={(value) => onFiltersChange({ ...filters, role: (value ?? '') as Role | '' })}
          clearable
          data-testid="users-role-filter"
          w={200}
        />
        <Select
          aria-label={t('filters.status')}
          data={[
            { value: 'all', label: t('filters.allStatuses') },
            { value: 'true', label: t('status.active') },
            { value: 'false', label: t('status.inactive') },
          ]}
          value={filters.active || 'all'}
          onChange={(value) =>
            onFiltersChange({ ...filters, active: value === 'true' || value === 'false' ? value : '' })
          }
          allowDeselect={false}
          data-testid="users-active-filter"
          w={170}
        />
      </Group>

      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea>
          <Table
            highlightOnHover
            verticalSpacing="sm"
            data-testid="users-table"
            data-loading={query.isFetching ? 'true' : 'false'}
            miw={760}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="name" sort={filters.sort} onSort={setSort} testId="users-sort-name">
                  {t('fields.name')}
                </SortableTh>
                <SortableTh field="email" sort={filters.sort} onSort={setSort} testId="users-sort-email">
                  {t('fields.email')}
                </SortableTh>
                <Table.Th>{t('fields.role')}</Table.Th>
                <Table.Th>{t('fields.locale')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <SortableTh
                  field="createdAt"
                  sort={filters.sort}
                  onSort={setSort}
                  testId="users-sort-created"
                >
                  {t('fields.createdAt')}
                </SortableTh>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending
                ? Array.from({ length: 5 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                    <Table.Tr key={i}>
                      <Table.Td colSpan={6}>
                        <Skeleton height={18} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : users.map((user) => (
                    <Table.Tr
                      key={user.id}
                      data-testid="user-row"
                      data-user-id={user.id}
                      data-email={user.email}
                      style={{ cursor: 'pointer' }}
                      onClick={() => navigate(getUserLink(user.id))}
                    >
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {user.name}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{user.email}</Text>
                      </Table.Td>
                      <Table.Td>
                        <RoleBadge role={user.role} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`common:languages.${user.locale}`)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <ActiveBadge active={user.active} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{fmt.date(user.createdAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
          {!query.isPending && users.length === 0 ? (
            <EmptyState title={t('empty.title')}>{t('empty.hint')}</EmptyState>
          ) : null}
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={users.length}
        testId="users-load-more"
      />
    </Paper>
  );
}

import {
  ActionIcon,
  Group,
  Paper,
  ScrollArea,
  Skeleton,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPencil, IconSearch, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Segment } from '../../../../../contracts/companies';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { SortableTh } from '../../../components/sortable-th';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import { useDeleteSegment, useSegments } from '../api/segments-api';
import { SegmentFormModal } from './segment-form-modal';

/** Market segments with their market figures; edit and delete for those who manage them. */
export function SegmentsList({
  canManage,
  sort,
  onSortChange,
}: {
  canManage: boolean;
  sort: string;
  onSortChange: (sort: string) => void;
}) {
  const { t } = useTranslation('segments');
  const fmt = useFormat();
  const notify = useNotify();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const query = useSegments(debounced, sort);
  const segments = query.data?.pages.flatMap((p) => p.items) ?? [];
  const [editing, setEditing] = useState<Segment | null>(null);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const remove = useDeleteSegment();
  const columns = canManage ? 8 : 7;

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(
      { id: deleting.id, version: deleting.version },
      {
        onSuccess: () => {
          notify.success(t('delete.done', { name: deleting.name }));
          setDeleting(null);
        },
        onError: (err) => {
          notify.error(errorMessage(err, t));
          setDeleting(null);
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md">
      <Group mb="md">
        <TextInput
          placeholder={t('filters.search')}
          aria-label={t('filters.search')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          data-testid="segments-search"
          style={{ flex: '1 1 240px' }}
          maw={420}
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ScrollArea>
          <Table
            highlightOnHover
            verticalSpacing="sm"
            miw={860}
            data-testid="segments-table"
            data-loading={query.isFetching ? 'true' : 'false'}
          >
            <Table.Thead>
              <Table.Tr>
                <SortableTh field="name" sort={sort} onSort={onSortChange} testId="segments-sort-name">
                  {t('fields.name')}
                </SortableTh>
                <Table.Th>{t('fields.industry')}</Table.Th>
                <Table.Th>{t('fields.region')}</Table.Th>
                <Table.Th>{t('fields.sizeClass')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.marketCompanies')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.potentialRevenue')}</Table.Th>
                <SortableTh
                  field="updatedAt"
                  sort={sort}
                  onSort={onSortChange}
                  testId="segments-sort-updated"
                >
                  {t('fields.updatedAt')}
                </SortableTh>
                {canManage ? <Table.Th w={90} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending
                ? Array.from({ length: 3 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                    <Table.Tr key={i}>
                      <Table.Td colSpan={columns}>
                        <Skeleton height={18} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : segments.map((s) => (
                    <Table.Tr key={s.id} data-testid="segment-row" data-segment-id={s.id} data-name={s.name}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {s.name}
                        </Text>
                        {s.notes ? (
                          <Text size="xs" c="dimmed" lineClamp={1} maw={320}>
                            {s.notes}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.industry ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.region ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{s.sizeClass ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                        <Text size="sm">
                          {s.marketCompanies === null ? '—' : fmt.number(s.marketCompanies)}
                        </Text>
                      </Table.Td>
                      <Table.Td
                        style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                        data-testid="segment-potential-value"
                      >
                        <Text size="sm">
                          {s.potentialRevenueCents === null
                            ? '—'
                            : fmt.money(s.potentialRevenueCents, s.currency)}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{fmt.date(s.updatedAt)}</Text>
                      </Table.Td>
                      {canManage ? (
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            <Tooltip label={t('edit.button')}>
                              <ActionIcon
                                variant="subtle"
                                aria-label={t('edit.button')}
                                onClick={() => setEditing(s)}
                                data-testid="segment-edit"
                              >
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={t('delete.button')}>
                              <ActionIcon
                                variant="subtle"
                                color="red"
                                aria-label={t('delete.button')}
                                onClick={() => setDeleting(s)}
                                data-testid="segment-delete"
                              >
                                <IconTrash size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
          {!query.isPending && segments.length === 0 ? (
            <EmptyState title={t('empty.title')}>{t('empty.hint')}</EmptyState>
          ) : null}
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={segments.length}
        testId="segments-load-more"
      />
      <SegmentFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        segment={editing ?? undefined}
      />
      <ConfirmDialog
        opened={deleting !== null}
        title={t('delete.title')}
        message={t('delete.message', { name: deleting?.name ?? '' })}
        confirmLabel={t('delete.button')}
        danger
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </Paper>
  );
}

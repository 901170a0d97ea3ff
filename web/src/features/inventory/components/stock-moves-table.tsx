import { Anchor, Group, ScrollArea, Select, Skeleton, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STOCK_MOVE_KINDS, type StockMove, type StockMoveKind } from '../../../../../contracts/inventory';
import { EmptyState } from '../../../components/empty-state';
import { LoadMore } from '../../../components/load-more';
import { QueryError } from '../../../components/query-error';
import { useFormat } from '../../../lib/use-format';
import { useStockMoves } from '../api/inventory-api';
import { formatDelta } from './stock-values';
import { useQuantity } from './use-quantity';

/** Where a move came from, linked where the app has a page for it. */
function MoveSource({ move }: { move: StockMove }) {
  const { t } = useTranslation('inventory');
  const label = move.sourceLabel ?? t(`sources.${move.sourceType}`);
  const to =
    move.sourceType === 'deal'
      ? `/deals/${move.sourceId}`
      : move.sourceType === 'purchase_order'
        ? `/purchase-orders/${move.sourceId}`
        : null;
  const reason = move.reason ? t(`reasons.${move.reason}`) : null;
  return (
    <Group gap={4} wrap="wrap">
      {to ? (
        <Anchor component={Link} to={to} size="sm" data-testid="move-source-link">
          {label}
        </Anchor>
      ) : move.sourceType === 'adjustment' || move.sourceType === 'count' ? (
        <Text size="sm">{t(`sources.${move.sourceType}`)}</Text>
      ) : (
        <Text size="sm">
          {t(`sources.${move.sourceType}`)}
          {move.sourceLabel ? ` ${move.sourceLabel}` : ''}
        </Text>
      )}
      {reason || move.note ? (
        <Text size="sm" c="dimmed">
          {[reason, move.note].filter(Boolean).join(' · ')}
        </Text>
      ) : null}
    </Group>
  );
}

/**
 * The move history of a product in a warehouse, newest first: when, what kind, the changes of on
 * hand, reserved and on order, on hand after the move, the source document and who.
 */
export function StockMovesTable({ productId, warehouseId }: { productId: string; warehouseId: string }) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { qty } = useQuantity();
  const [kind, setKind] = useState<StockMoveKind | ''>('');
  const query = useStockMoves(productId, warehouseId, kind);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const delta = (n: number) => (
    <Text size="sm" c={n < 0 ? 'red' : n > 0 ? 'teal' : 'dimmed'}>
      {formatDelta(n, qty) || '·'}
    </Text>
  );

  return (
    <>
      <Group mb="sm">
        <Select
          aria-label={t('fields.kind')}
          placeholder={t('moves.allKinds')}
          data={STOCK_MOVE_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
          value={kind || null}
          onChange={(v) => setKind((v ?? '') as StockMoveKind | '')}
          clearable
          w={220}
          data-testid="moves-kind"
        />
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.isPending && items.length === 0 ? (
        <EmptyState title={t('moves.empty')} />
      ) : (
        <ScrollArea>
          <Table miw={900} verticalSpacing="xs" striped data-testid="moves-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.date')}</Table.Th>
                <Table.Th>{t('fields.kind')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.onHand')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.reserved')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('fields.onOrder')}</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>{t('moves.onHandAfter')}</Table.Th>
                <Table.Th>{t('fields.source')}</Table.Th>
                <Table.Th>{t('fields.who')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.isPending
                ? Array.from({ length: 3 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton rows
                    <Table.Tr key={i}>
                      <Table.Td colSpan={8}>
                        <Skeleton height={18} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : items.map((m) => (
                    <Table.Tr key={m.id} data-testid="move-row" data-kind={m.kind}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Text size="sm">{fmt.dateTime(m.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t(`kinds.${m.kind}`)}</Text>
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} data-testid="move-onhand">
                        {delta(m.onHandDelta)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} data-testid="move-reserved">
                        {delta(m.reservedDelta)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} data-testid="move-onorder">
                        {delta(m.onOrderDelta)}
                      </Table.Td>
                      <Table.Td style={{ textAlign: 'right' }} data-testid="move-onhand-after">
                        <Text size="sm" fw={500}>
                          {qty(m.onHandAfter)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <MoveSource move={m} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{m.createdByName ?? t('moves.system')}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
      <LoadMore
        hasMore={Boolean(query.hasNextPage)}
        loading={query.isFetchingNextPage}
        onLoadMore={() => void query.fetchNextPage()}
        loaded={items.length}
        testId="moves-load-more"
      />
    </>
  );
}

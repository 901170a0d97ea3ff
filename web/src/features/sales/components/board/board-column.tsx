import { useDroppable } from '@dnd-kit/core';
import { Badge, Box, Button, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Board, Deal } from '../../../../../../contracts/sales';
import { useFormat } from '../../../../lib/use-format';
import { DealCard } from './deal-card';

type Column = Board['columns'][number];

const KIND_COLOR = { open: undefined, won: 'teal', lost: 'red' } as const;

/** One stage of the board: its figures on top, its deals below; a drop target while dragging. */
export function BoardColumn({
  column,
  today,
  canMove,
  onOpen,
  onLoadMore,
  loadingMore,
}: {
  column: Column;
  today: string;
  canMove: boolean;
  onOpen: (deal: Deal) => void;
  onLoadMore: () => void;
  loadingMore: boolean;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const { stage } = column;
  const { setNodeRef, isOver } = useDroppable({ id: stage.id, data: { stage } });
  const color = KIND_COLOR[stage.kind];
  const headingId = `board-column-title-${stage.id}`;

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      w={280}
      miw={280}
      bg={isOver ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-default-hover)'}
      style={{
        display: 'flex',
        flexDirection: 'column',
        borderColor: isOver ? 'var(--mantine-primary-color-filled)' : undefined,
        transition: 'background-color 120ms, border-color 120ms',
      }}
      role="region"
      aria-labelledby={headingId}
      data-testid={`board-column-${stage.id}`}
      data-stage-name={stage.name}
      data-stage-kind={stage.kind}
      data-count={column.count}
    >
      <Box px={4} pb="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={700} size="sm" truncate id={headingId} c={color}>
            {stage.name}
          </Text>
          <Group gap={6} wrap="nowrap">
            <Tooltip label={t('board.probability')}>
              <Text size="xs" c="dimmed">
                {fmt.number(stage.probability)} %
              </Text>
            </Tooltip>
            <Badge variant="filled" color={color ?? 'gray'} size="sm" data-testid="board-column-count">
              {fmt.number(column.count)}
            </Badge>
          </Group>
        </Group>
        <Group justify="space-between" gap="xs" mt={4} wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('board.sum')}
          </Text>
          <Text size="xs" fw={600} data-testid="board-column-sum" style={{ whiteSpace: 'nowrap' }}>
            {fmt.money(column.amountCents, 'EUR')}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text size="xs" c="dimmed">
            {t('board.weighted')}
          </Text>
          <Text size="xs" fw={600} data-testid="board-column-weighted" style={{ whiteSpace: 'nowrap' }}>
            {fmt.money(column.weightedAmountCents, 'EUR')}
          </Text>
        </Group>
      </Box>
      <Stack
        gap="xs"
        p={2}
        style={{ flex: 1, minHeight: 80, maxHeight: 'calc(100dvh - 290px)', overflowY: 'auto' }}
        data-testid="board-column-cards"
      >
        {column.deals.map((deal) => (
          <DealCard key={deal.id} deal={deal} today={today} canMove={canMove} onOpen={onOpen} />
        ))}
        {column.deals.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {t('board.emptyColumn')}
          </Text>
        ) : null}
        {column.nextCursor ? (
          <Button
            variant="subtle"
            size="xs"
            onClick={onLoadMore}
            loading={loadingMore}
            style={{ flexShrink: 0 }}
          >
            {t('board.more', { count: column.count - column.deals.length })}
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}

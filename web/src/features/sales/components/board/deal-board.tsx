import {
  type Announcements,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { Box, Card, Center, Group, Loader, Skeleton, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal, Stage } from '../../../../../../contracts/sales';
import { ConflictAlert } from '../../../../components/conflict-alert';
import { useNotify } from '../../../../components/notifications';
import { QueryError } from '../../../../components/query-error';
import { isConflict } from '../../../../lib/api';
import { errorMessage } from '../../../../lib/errors';
import { todayBusinessDate } from '../../../../lib/format';
import {
  type BoardFilters,
  type LostReasonChoice,
  useBoard,
  useLoadMoreColumn,
  useMoveDeal,
} from '../../api/deals-api';
import { LostReasonDialog } from '../lost-reason-dialog';
import { BoardColumn } from './board-column';
import { boardCollisions, columnCoordinates } from './board-keyboard';
import { DealCardBody } from './deal-card';

interface PendingLoss {
  deal: Deal;
  to: Stage;
}

/**
 * The Kanban board of a pipeline. Dragging a card into another column moves the deal there at once
 * (and back when the server refuses); into the won column wins it, into the lost column asks for the
 * reason first. Operable by keyboard: Space picks a card up, ←/→ choose the column, Space/Enter drop,
 * Escape cancels; every step is announced to screen readers.
 */
export function DealBoard({
  filters,
  canMove,
  onOpenDeal,
}: {
  filters: BoardFilters;
  canMove: boolean;
  onOpenDeal: (id: string) => void;
}) {
  const { t } = useTranslation('sales');
  const notify = useNotify();
  const board = useBoard(filters);
  const move = useMoveDeal(filters);
  const loadMore = useLoadMoreColumn(filters);
  const [active, setActive] = useState<Deal | null>(null);
  const [pendingLoss, setPendingLoss] = useState<PendingLoss | null>(null);
  const [conflict, setConflict] = useState(false);
  const today = todayBusinessDate();

  const sensors = useSensors(
    // a few pixels of movement start a drag; a click without movement opens the deal
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
      coordinateGetter: columnCoordinates,
    }),
  );

  const stages = useMemo(
    () => new Map((board.data?.columns ?? []).map((c) => [c.stage.id, c.stage])),
    [board.data],
  );
  const titleOf = (id: string | number) => {
    for (const col of board.data?.columns ?? []) {
      const deal = col.deals.find((d) => d.id === id);
      if (deal) return deal.title;
    }
    return '';
  };
  const stageName = (id: string | number | undefined) => (id ? (stages.get(String(id))?.name ?? '') : '');

  const announcements: Announcements = {
    onDragStart: ({ active: a }) =>
      t('board.announce.start', { title: titleOf(a.id), stage: stageName(a.data.current?.deal?.stageId) }),
    onDragOver: ({ active: a, over }) =>
      over
        ? t('board.announce.over', { title: titleOf(a.id), stage: stageName(over.id) })
        : t('board.announce.outside', { title: titleOf(a.id) }),
    onDragEnd: ({ active: a, over }) =>
      over
        ? t('board.announce.dropped', { title: titleOf(a.id), stage: stageName(over.id) })
        : t('board.announce.droppedOutside', { title: titleOf(a.id) }),
    onDragCancel: ({ active: a }) => t('board.announce.cancelled', { title: titleOf(a.id) }),
  };

  const runMove = (deal: Deal, to: Stage, lost?: LostReasonChoice) => {
    move.mutate(
      { deal, to, ...(lost ? { lost } : {}) },
      {
        onSuccess: (saved) => {
          setPendingLoss(null);
          if (to.kind === 'won') notify.success(t('board.wonDone', { title: saved.title }));
          if (to.kind === 'lost') notify.info(t('board.lostDone', { title: saved.title }));
        },
        onError: (err) => {
          setPendingLoss(null);
          if (isConflict(err)) {
            setConflict(true);
            notify.error(t('board.conflict'));
          } else notify.error(errorMessage(err, t));
        },
      },
    );
  };

  const onDragStart = (event: DragStartEvent) => {
    setActive((event.active.data.current?.deal as Deal | undefined) ?? null);
  };

  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    const deal = a.data.current?.deal as Deal | undefined;
    const to = over ? stages.get(String(over.id)) : undefined;
    if (!deal || !to || to.id === deal.stageId) return;
    if (to.kind === 'lost') {
      setPendingLoss({ deal, to });
      return;
    }
    runMove(deal, to);
  };

  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  if (!board.data) {
    return (
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {Array.from({ length: 5 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static skeleton columns
          <Skeleton key={i} w={280} h={320} radius="md" />
        ))}
      </Group>
    );
  }

  return (
    <Box
      data-testid="board"
      data-pipeline-id={board.data.pipeline.id}
      data-loading={board.isFetching ? 'true' : 'false'}
    >
      {conflict ? (
        <Box mb="md">
          <ConflictAlert
            reloading={board.isFetching}
            onReload={() => {
              void board.refetch().then(() => setConflict(false));
            }}
          />
        </Box>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={boardCollisions}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragCancel={() => setActive(null)}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: t('board.announce.instructions') },
        }}
      >
        <Box style={{ overflowX: 'auto' }} pb="sm">
          <Group align="stretch" wrap="nowrap" gap="sm" w="max-content">
            {board.data.columns.map((column) => (
              <BoardColumn
                key={column.stage.id}
                column={column}
                today={today}
                canMove={canMove && !move.isPending}
                onOpen={(deal) => onOpenDeal(deal.id)}
                loadingMore={loadMore.isPending && loadMore.variables?.stageId === column.stage.id}
                onLoadMore={() =>
                  column.nextCursor &&
                  loadMore.mutate(
                    {
                      pipelineId: board.data.pipeline.id,
                      stageId: column.stage.id,
                      cursor: column.nextCursor,
                    },
                    { onError: (err) => notify.error(errorMessage(err, t)) },
                  )
                }
              />
            ))}
          </Group>
        </Box>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <Card withBorder radius="md" padding="sm" shadow="lg" w={262} style={{ cursor: 'grabbing' }}>
              <DealCardBody deal={active} today={today} />
            </Card>
          ) : null}
        </DragOverlay>
      </DndContext>
      {move.isPending ? (
        <Center mt="xs">
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('board.saving')}
            </Text>
          </Group>
        </Center>
      ) : null}
      <LostReasonDialog
        opened={pendingLoss !== null}
        dealTitle={pendingLoss?.deal.title ?? ''}
        loading={move.isPending}
        onCancel={() => setPendingLoss(null)}
        onConfirm={(choice) => pendingLoss && runMove(pendingLoss.deal, pendingLoss.to, choice)}
      />
    </Box>
  );
}

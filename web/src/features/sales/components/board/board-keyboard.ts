import {
  type CollisionDetection,
  KeyboardCode,
  type KeyboardCoordinateGetter,
  pointerWithin,
  rectIntersection,
} from '@dnd-kit/core';

/**
 * Arrow keys move a picked-up card a whole column left or right (the board has no order within a
 * column): the card is placed over the middle of the neighbouring column.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const step = event.code === KeyboardCode.Right ? 1 : event.code === KeyboardCode.Left ? -1 : 0;
  if (!step) {
    if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) event.preventDefault();
    return undefined;
  }
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over, active } = context;
  if (!collisionRect) return undefined;
  const columns = droppableContainers
    .getEnabled()
    .flatMap((c) => {
      const rect = droppableRects.get(c.id);
      return rect ? [{ id: c.id, rect }] : [];
    })
    .sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const currentId =
    over?.id ??
    columns.find((c) => c.rect.left <= centre && centre <= c.rect.left + c.rect.width)?.id ??
    (active?.data.current as { deal?: { stageId: string } } | undefined)?.deal?.stageId;
  const index = columns.findIndex((c) => c.id === currentId);
  const next = columns[index + step];
  if (index < 0 || !next) return currentCoordinates;
  const top = Math.min(
    Math.max(currentCoordinates.y, next.rect.top + 8),
    next.rect.top + Math.max(8, next.rect.height - collisionRect.height - 8),
  );
  return { x: next.rect.left + (next.rect.width - collisionRect.width) / 2, y: top };
};

/** The column under the mouse pointer; for the keyboard (no pointer), the column the card overlaps most. */
export const boardCollisions: CollisionDetection = (args) => {
  const byPointer = pointerWithin(args);
  return byPointer.length > 0 ? byPointer : rectIntersection(args);
};

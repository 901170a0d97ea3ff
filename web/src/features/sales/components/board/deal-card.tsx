import { useDraggable } from '@dnd-kit/core';
import { Card, Group, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconAlertTriangle, IconBuilding, IconCalendar, IconUser } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deal } from '../../../../../../contracts/sales';
import { useFormat } from '../../../../lib/use-format';

export function isOverdue(deal: Pick<Deal, 'status' | 'expectedCloseDate'>, today: string): boolean {
  return deal.status === 'open' && deal.expectedCloseDate < today;
}

/** What a card shows: title, company, amount, owner and the expected close date (red when overdue). */
export function DealCardBody({ deal, today }: { deal: Deal; today: string }) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const overdue = isOverdue(deal, today);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} lineClamp={2}>
        {deal.title}
      </Text>
      <Group gap={4} wrap="nowrap" c="dimmed">
        <IconBuilding size={14} style={{ flexShrink: 0 }} />
        <Text size="xs" truncate>
          {deal.companyName ?? '—'}
        </Text>
      </Group>
      <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="board-card-amount">
        {fmt.money(deal.amountCents, deal.currency)}
      </Text>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={4} wrap="nowrap" c="dimmed" style={{ minWidth: 0 }}>
          <IconUser size={14} style={{ flexShrink: 0 }} />
          <Text size="xs" truncate>
            {deal.ownerName ?? '—'}
          </Text>
        </Group>
        <Group
          gap={4}
          wrap="nowrap"
          c={overdue ? 'red' : 'dimmed'}
          style={{ flexShrink: 0 }}
          data-overdue={overdue ? 'true' : 'false'}
          title={overdue ? t('board.overdueSince', { date: fmt.date(deal.expectedCloseDate) }) : undefined}
        >
          {overdue ? (
            <IconAlertTriangle size={14} style={{ flexShrink: 0 }} />
          ) : (
            <IconCalendar size={14} style={{ flexShrink: 0 }} />
          )}
          <Text size="xs" fw={overdue ? 700 : undefined} style={{ whiteSpace: 'nowrap' }}>
            {fmt.date(deal.expectedCloseDate)}
          </Text>
          {overdue ? <VisuallyHidden>{t('board.overdueLabel')}</VisuallyHidden> : null}
        </Group>
      </Group>
    </Stack>
  );
}

/**
 * A deal on the board: drag it with the mouse, or focus it and press Space, move with the arrow keys
 * and drop with Space or Enter. Click or Enter (when not dragging) opens the deal.
 */
export function DealCard({
  deal,
  today,
  canMove,
  onOpen,
}: {
  deal: Deal;
  today: string;
  canMove: boolean;
  onOpen: (deal: Deal) => void;
}) {
  const { t } = useTranslation('sales');
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !canMove,
  });
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    listeners?.onKeyDown?.(event);
    // Enter opens the deal, unless it ends a keyboard drag (then the card is the active one)
    if (!isDragging && !event.defaultPrevented && event.key === 'Enter') onOpen(deal);
  };
  return (
    <Card
      ref={setNodeRef}
      withBorder
      radius="md"
      padding="sm"
      shadow="xs"
      {...attributes}
      {...listeners}
      onKeyDown={onKeyDown}
      onClick={() => onOpen(deal)}
      tabIndex={0}
      role="button"
      aria-roledescription={t('board.cardRole')}
      aria-label={t('board.cardLabel', { title: deal.title, stage: deal.stageName })}
      data-testid={`deal-card-${deal.id}`}
      data-deal-id={deal.id}
      style={{
        flexShrink: 0,
        opacity: isDragging ? 0.4 : 1,
        cursor: canMove ? 'grab' : 'pointer',
        touchAction: 'manipulation',
      }}
    >
      <DealCardBody deal={deal} today={today} />
    </Card>
  );
}

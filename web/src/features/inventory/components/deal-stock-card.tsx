import { Badge, Button, Card, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Delivery, Reservation } from '../../../../../contracts/inventory';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useDealStock } from '../api/inventory-api';
import { DeliveryModal } from './delivery-modal';
import { deliveryRowsFromReservation, openReservation } from './stock-values';
import { useQuantity } from './use-quantity';

const STATUS_COLOR: Record<Reservation['status'], string> = {
  open: 'blue',
  delivered: 'teal',
  released: 'gray',
};

/** The deliveries made for a deal or an invoice: number, date and what went out. */
export function DeliveriesList({ deliveries }: { deliveries: readonly Delivery[] }) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { qtyUnit } = useQuantity();
  if (deliveries.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="deliveries-empty">
        {t('delivery.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs" data-testid="deliveries-list">
      {deliveries.map((d) => (
        <Stack key={d.id} gap={2} data-testid={`delivery-${d.number}`}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {d.number}
            </Text>
            <Text size="sm" c="dimmed">
              {fmt.date(d.deliveredOn)}
            </Text>
          </Group>
          <Text size="sm">{d.lines.map((l) => `${qtyUnit(l.quantity, l.unit)} ${l.sku}`).join(', ')}</Text>
          {d.note ? (
            <Text size="xs" c="dimmed">
              {d.note}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  );
}

/** A reservation's lines: reserved, delivered, released and open per product. */
function ReservationTable({ reservation }: { reservation: Reservation }) {
  const { t } = useTranslation('inventory');
  const { qty, unit } = useQuantity();
  return (
    <Table verticalSpacing={4} data-testid="reservation-table" data-status={reservation.status}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('fields.product')}</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{t('fields.reserved')}</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{t('fields.delivered')}</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{t('fields.open')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reservation.lines.map((l) => (
          <Table.Tr key={`${l.productId}:${l.dealLineId ?? ''}`} data-testid={`reservation-line-${l.sku}`}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {l.sku}
              </Text>
              <Text size="xs" c="dimmed">
                {l.productName}
              </Text>
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }} data-testid={`reservation-reserved-${l.sku}`}>
              {qty(l.quantity)} {unit(l.unit)}
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }} data-testid={`reservation-delivered-${l.sku}`}>
              {qty(l.delivered)}
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }} data-testid={`reservation-open-${l.sku}`}>
              <Text size="sm" fw={l.open > 0 ? 600 : undefined}>
                {qty(l.open)}
              </Text>
              {l.released > 0 ? (
                <Text size="xs" c="dimmed">
                  {t('deal.released', { quantity: qty(l.released) })}
                </Text>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * "Lager" on a deal page: the deal's reservation (reserved, delivered, open per product), its
 * deliveries and "Liefern". Nothing is shown for a deal that never reserved stock.
 * `dealVersion` reloads it when the deal changes (winning reserves, losing releases).
 */
export function DealStockCard({ dealId, dealVersion }: { dealId: string; dealVersion: number }) {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const query = useDealStock(dealId, dealVersion);
  const [delivering, setDelivering] = useState(false);
  const data = query.data;

  if (query.isError) {
    return (
      <Card withBorder radius="md" padding="lg" data-testid="deal-stock-card">
        <Title order={4} mb="md">
          {t('deal.title')}
        </Title>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </Card>
    );
  }
  if (!data) {
    return query.isPending ? <Loader size="sm" /> : null;
  }
  if (data.reservations.length === 0 && data.deliveries.length === 0) return null;

  const reservation = openReservation(data.reservations) ?? data.reservations[0] ?? null;
  const rows = deliveryRowsFromReservation(reservation?.status === 'open' ? reservation : null);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="deal-stock-card">
      <Group justify="space-between" mb="md">
        <Group gap="sm">
          <Title order={4}>{t('deal.title')}</Title>
          {reservation ? (
            <Badge color={STATUS_COLOR[reservation.status]} variant="light" data-testid="reservation-status">
              {t(`deal.status.${reservation.status}`)}
            </Badge>
          ) : null}
        </Group>
        {can('deliveries.write') && rows.length > 0 ? (
          <Button
            size="xs"
            leftSection={<IconTruckDelivery size={14} />}
            onClick={() => setDelivering(true)}
            data-testid="deal-deliver"
          >
            {t('delivery.open')}
          </Button>
        ) : null}
      </Group>
      <Stack gap="md">
        {reservation ? <ReservationTable reservation={reservation} /> : null}
        <div>
          <Text size="sm" fw={600} mb={4}>
            {t('delivery.listTitle')}
          </Text>
          <DeliveriesList deliveries={data.deliveries} />
        </div>
      </Stack>
      {can('deliveries.write') ? (
        <DeliveryModal
          opened={delivering}
          onClose={() => setDelivering(false)}
          source={{ dealId }}
          rows={rows}
        />
      ) : null}
    </Card>
  );
}

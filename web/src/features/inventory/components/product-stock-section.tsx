import { Button, Card, Group, Loader, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAdjustments } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useCan } from '../../../lib/auth';
import { useFormat } from '../../../lib/use-format';
import { useProductStockLevel, useReorderSettings, useWarehouses } from '../api/inventory-api';
import { AdjustmentModal } from './adjustment-modal';
import { ReorderSettingsForm } from './reorder-settings-form';
import { LowStockBadge } from './stock-list';
import { StockMovesTable } from './stock-moves-table';
import { useQuantity } from './use-quantity';

function Figure({
  label,
  value,
  testId,
  color,
}: {
  label: string;
  value: string;
  testId: string;
  color?: string;
}) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="lg" fw={600} c={color} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/**
 * A stock-tracked product's stock on its page: the levels in a warehouse, "Bestand korrigieren",
 * the reorder settings and the move history (a warehouse choice when there is more than one).
 */
export function ProductStockSection({ productId, unit }: { productId: string; unit: string }) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const can = useCan();
  const { qty, unit: unitName } = useQuantity();
  const warehouses = useWarehouses();
  const [chosenWarehouse, setChosenWarehouse] = useState<string | null>(null);
  const active = (warehouses.data ?? []).filter((w) => w.active);
  const warehouseId = chosenWarehouse ?? (warehouses.data ?? []).find((w) => w.isDefault)?.id ?? '';
  const level = useProductStockLevel(productId, warehouseId);
  const reorder = useReorderSettings(productId);
  const [adjusting, setAdjusting] = useState(false);
  const setting = (reorder.data ?? []).find((s) => s.warehouseId === warehouseId) ?? null;
  const l = level.data ?? null;
  const u = unitName(unit);

  return (
    <Stack gap="lg" data-testid="product-stock">
      <Card withBorder radius="md" padding="lg">
        <Group justify="space-between" mb="md">
          <Group gap="sm">
            <Title order={4}>{t('product.title')}</Title>
            {l ? <LowStockBadge level={l} /> : null}
          </Group>
          <Group gap="sm">
            {active.length > 1 ? (
              <Select
                aria-label={t('fields.warehouse')}
                data={active.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
                value={warehouseId || null}
                onChange={(v) => setChosenWarehouse(v)}
                allowDeselect={false}
                w={220}
                data-testid="product-stock-warehouse"
              />
            ) : null}
            {can('stock.write') ? (
              <Button
                variant="default"
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setAdjusting(true)}
                data-testid="adjust-open"
              >
                {t('adjust.open')}
              </Button>
            ) : null}
          </Group>
        </Group>
        {level.isError ? (
          <QueryError error={level.error} onRetry={() => void level.refetch()} />
        ) : level.isPending ? (
          <Loader size="sm" />
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} spacing="md">
            <Figure
              label={t('fields.onHand')}
              value={`${qty(l?.onHand ?? 0)} ${u}`}
              testId="product-stock-onhand"
            />
            <Figure
              label={t('fields.reserved')}
              value={qty(l?.reserved ?? 0)}
              testId="product-stock-reserved"
            />
            <Figure label={t('fields.onOrder')} value={qty(l?.onOrder ?? 0)} testId="product-stock-onorder" />
            <Figure
              label={t('fields.available')}
              value={qty(l?.available ?? 0)}
              color={(l?.available ?? 0) < 0 ? 'red' : undefined}
              testId="product-stock-available"
            />
            <Figure
              label={t('fields.projected')}
              value={qty(l?.projected ?? 0)}
              color={l?.belowReorderPoint ? 'orange' : undefined}
              testId="product-stock-projected"
            />
            <Figure
              label={t('fields.value')}
              value={fmt.money(l?.valueCents ?? 0, 'EUR')}
              testId="product-stock-value"
            />
          </SimpleGrid>
        )}
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('reorder.title')}
        </Title>
        {reorder.isError ? (
          <QueryError error={reorder.error} onRetry={() => void reorder.refetch()} />
        ) : reorder.isPending || !warehouseId ? (
          <Loader size="sm" />
        ) : (
          <ReorderSettingsForm
            productId={productId}
            warehouseId={warehouseId}
            setting={setting}
            unitLabel={u}
            canEdit={can('stock.write')}
            onReload={() => reorder.refetch()}
          />
        )}
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('moves.title')}
        </Title>
        <StockMovesTable productId={productId} warehouseId={warehouseId} />
      </Card>
      {can('stock.write') ? (
        <AdjustmentModal
          opened={adjusting}
          onClose={() => setAdjusting(false)}
          warehouseId={warehouseId}
          product={l}
        />
      ) : null}
    </Stack>
  );
}

import { Button, Group } from '@mantine/core';
import { IconAdjustments, IconClipboardList } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { AdjustmentModal, CountModal, StockList } from '../../features/inventory';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/** `/stock`: the stock overview per product and warehouse; corrections and inventory counts. */
export function StockPage() {
  const { t } = useTranslation('inventory');
  const can = useCan();
  const [params] = useSearchParams();
  const warehouseId = params.get('warehouseId') ?? '';
  const [modal, setModal] = useState<'adjust' | 'count' | null>(null);
  return (
    <RequirePermission permission="stock.read">
      <PageHeader
        title={t('title')}
        description={t('description')}
        actions={
          can('stock.write') ? (
            <Group>
              <Button
                variant="default"
                leftSection={<IconClipboardList size={16} />}
                onClick={() => setModal('count')}
                data-testid="count-open"
              >
                {t('count.open')}
              </Button>
              <Button
                leftSection={<IconAdjustments size={16} />}
                onClick={() => setModal('adjust')}
                data-testid="adjust-open"
              >
                {t('adjust.open')}
              </Button>
            </Group>
          ) : null
        }
      />
      <StockList />
      {can('stock.write') ? (
        <>
          <AdjustmentModal
            opened={modal === 'adjust'}
            onClose={() => setModal(null)}
            warehouseId={warehouseId}
          />
          <CountModal opened={modal === 'count'} onClose={() => setModal(null)} warehouseId={warehouseId} />
        </>
      ) : null}
    </RequirePermission>
  );
}

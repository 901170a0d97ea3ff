import { Button, Group, Paper, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { StockReportView, useReportWarehouses } from '../../features/reports';
import { useCan } from '../../lib/auth';
import { RequirePermission } from '../require-permission';

/**
 * `/reports/stock` (Lagerbericht): stock value, products below their reorder point and open
 * purchase orders by supplier and expected date, for one warehouse (`?warehouseId=`, default the
 * default warehouse).
 */
export function StockReportPage() {
  const { t } = useTranslation('stockReport');
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const warehouses = useReportWarehouses();
  const warehouseId = params.get('warehouseId') ?? '';
  const choices = (warehouses.data?.items ?? []).filter((w) => w.active || w.id === warehouseId);
  const update = (value: string | null) => {
    const next = new URLSearchParams(params);
    const isDefault = choices.find((w) => w.id === value)?.isDefault;
    if (value && !isDefault) next.set('warehouseId', value);
    else next.delete('warehouseId');
    setParams(next, { replace: true });
  };
  return (
    <RequirePermission permission="reports.stock">
      <PageHeader
        title={t('stockReport:title')}
        description={t('stockReport:description')}
        actions={
          can('purchaseOrders.read') ? (
            <Button component={Link} to="/purchase-orders" variant="light">
              {t('stockReport:toPurchaseOrders')}
            </Button>
          ) : undefined
        }
      />
      {choices.length > 1 ? (
        <Paper withBorder radius="md" p="md" mb="lg">
          <Group gap="lg" align="flex-end">
            <Select
              label={t('stockReport:warehouse')}
              data={choices.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
              value={warehouseId || choices.find((w) => w.isDefault)?.id || null}
              onChange={update}
              allowDeselect={false}
              w={280}
              data-testid="stock-report-warehouse-select"
            />
          </Group>
        </Paper>
      ) : null}
      <StockReportView
        warehouseId={warehouseId}
        links={{
          products: can('products.read'),
          purchaseOrders: can('purchaseOrders.read'),
          companies: can('companies.read'),
        }}
      />
    </RequirePermission>
  );
}

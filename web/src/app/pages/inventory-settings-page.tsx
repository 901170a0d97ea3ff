import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/page-header';
import { InventorySettingsForm, WarehousesTable } from '../../features/inventory';
import { RequirePermission } from '../require-permission';

/** `/admin/inventory`: the warehouses (create, edit, default) and the stock rules. */
export function InventorySettingsPage() {
  const { t } = useTranslation('inventory');
  return (
    <RequirePermission permission="inventory.settings">
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Stack gap="lg">
        <WarehousesTable canEdit />
        <InventorySettingsForm />
      </Stack>
    </RequirePermission>
  );
}

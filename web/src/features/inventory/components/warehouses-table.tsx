import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateWarehouse, UpdateWarehouse, type Warehouse } from '../../../../../contracts/inventory';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { QueryError } from '../../../components/query-error';
import { isConflict } from '../../../lib/api';
import { issuesToErrors } from '../../../lib/form';
import { useSaveWarehouse, useWarehouses } from '../api/inventory-api';
import { stockErrorMessage, stockFieldErrors } from './stock-errors';
import { type WarehouseValues, warehouseToRequest, warehouseToValues } from './warehouse-values';

/** Create or edit a warehouse: code, name, address, default, active. */
function WarehouseModal({
  opened,
  onClose,
  warehouse,
  onReload,
}: {
  opened: boolean;
  onClose: () => void;
  warehouse: Warehouse | null;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('inventory');
  const notify = useNotify();
  const save = useSaveWarehouse();
  const [values, setValues] = useState<WarehouseValues>(() => warehouseToValues(warehouse));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (opened) {
      setValues(warehouseToValues(warehouse));
      setErrors({});
      setFormError(null);
      setConflict(false);
    }
  }, [opened, warehouse]);

  const set = <K extends keyof WarehouseValues>(key: K, value: WarehouseValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key];
      return next;
    });
  };

  const submit = async () => {
    setFormError(null);
    const body = warehouseToRequest(values, warehouse);
    const parsed = (warehouse ? UpdateWarehouse : CreateWarehouse).safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t, body));
      return;
    }
    try {
      await save.mutateAsync({ id: warehouse?.id ?? null, body });
      notify.success(t('warehouses.saved', { name: values.name.trim() }));
      onClose();
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else {
        const fields = stockFieldErrors(err, t);
        if (Object.keys(fields).some((k) => k in values)) setErrors(fields);
        else setFormError(stockErrorMessage(err, t));
      }
    }
  };

  const text = (key: 'code' | 'name' | 'street' | 'postalCode' | 'city', label: string, required = false) => (
    <TextInput
      label={label}
      required={required}
      value={values[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      data-testid={`warehouse-${key}`}
    />
  );

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={warehouse ? t('warehouses.edit') : t('warehouses.create')}
      centered
      data-testid="warehouse-modal"
    >
      <Stack gap="sm">
        {conflict ? (
          <ConflictAlert
            onReload={() =>
              void onReload().then(() => {
                setConflict(false);
                onClose();
              })
            }
          />
        ) : null}
        <SimpleGrid cols={2} spacing="sm">
          {text('code', t('warehouses.code'), true)}
          {text('name', t('warehouses.name'), true)}
        </SimpleGrid>
        {text('street', t('warehouses.street'))}
        <SimpleGrid cols={2} spacing="sm">
          {text('postalCode', t('warehouses.postalCode'))}
          {text('city', t('warehouses.city'))}
        </SimpleGrid>
        <Checkbox
          label={t('warehouses.isDefault')}
          description={t('warehouses.isDefaultHint')}
          checked={values.isDefault}
          disabled={Boolean(warehouse?.isDefault)}
          onChange={(e) => set('isDefault', e.currentTarget.checked)}
          data-testid="warehouse-default"
        />
        {warehouse ? (
          <Checkbox
            label={t('warehouses.active')}
            checked={values.active}
            disabled={warehouse.isDefault}
            onChange={(e) => set('active', e.currentTarget.checked)}
            data-testid="warehouse-active"
          />
        ) : null}
        {formError ? (
          <Alert color="red" data-testid="warehouse-error">
            {formError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={save.isPending} data-testid="warehouse-submit">
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The warehouses: code, name, address, default and active; create and edit. */
export function WarehousesTable({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation('inventory');
  const query = useWarehouses();
  const [editing, setEditing] = useState<Warehouse | 'new' | null>(null);
  const items = query.data ?? [];

  return (
    <Card withBorder radius="md" padding="lg" data-testid="warehouses">
      <Group justify="space-between" mb="md">
        <Title order={4}>{t('warehouses.title')}</Title>
        {canEdit ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setEditing('new')}
            data-testid="warehouse-create"
          >
            {t('warehouses.create')}
          </Button>
        ) : null}
      </Group>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table verticalSpacing="xs" data-testid="warehouses-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouses.code')}</Table.Th>
              <Table.Th>{t('warehouses.name')}</Table.Th>
              <Table.Th>{t('warehouses.address')}</Table.Th>
              <Table.Th />
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((w) => (
              <Table.Tr key={w.id} data-testid={`warehouse-row-${w.code}`}>
                <Table.Td ff="monospace">{w.code}</Table.Td>
                <Table.Td>{w.name}</Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {[w.street, [w.postalCode, w.city].filter(Boolean).join(' ')]
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {w.isDefault ? (
                      <Badge variant="light" data-testid="warehouse-is-default">
                        {t('warehouses.default')}
                      </Badge>
                    ) : null}
                    {!w.active ? (
                      <Badge variant="light" color="gray">
                        {t('warehouses.inactive')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {canEdit ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      leftSection={<IconPencil size={14} />}
                      onClick={() => setEditing(w)}
                      data-testid={`warehouse-edit-${w.code}`}
                    >
                      {t('warehouses.editShort')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit ? (
        <WarehouseModal
          opened={editing !== null}
          onClose={() => setEditing(null)}
          warehouse={editing === 'new' ? null : editing}
          onReload={() => query.refetch()}
        />
      ) : null}
    </Card>
  );
}

import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRODUCT_UNITS, type Product } from '../../../../../contracts/catalog';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ConflictAlert } from '../../../components/conflict-alert';
import { ApiError, isConflict } from '../../../lib/api';
import { useCan } from '../../../lib/auth';
import { errorMessage } from '../../../lib/errors';
import { useFormat } from '../../../lib/use-format';
import {
  useCreateProduct,
  useDeactivateProduct,
  useReactivateProduct,
  useSaveProduct,
} from '../api/products-api';
import {
  emptyProduct,
  formErrorsOf,
  newKey,
  type ProductValues,
  productToValues,
  type SupplierValues,
  supplierRowErrors,
  suppliersChanged,
  suppliersToInput,
  valuesToCreate,
  valuesToUpdate,
} from './product-values';
import { SupplierSelect } from './supplier-select';

/**
 * Create or edit a product: its fields and its suppliers (add, remove, choose the preferred one).
 * Saving an existing product sends the changed fields with the version, then the supplier list.
 */
export function ProductEditor({
  product,
  onSaved,
  onReload,
}: {
  product: Product | null;
  onSaved: (p: Product) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  // the number fields follow the interface language like the invoice editor's
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const thousands = fmt.locale === 'de' ? '.' : ',';
  const can = useCan();
  const readOnly = !can('products.write');
  const [values, setValues] = useState<ProductValues>(() =>
    product ? productToValues(product) : emptyProduct(),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const create = useCreateProduct();
  const save = useSaveProduct(product?.id ?? '');
  const deactivate = useDeactivateProduct(product?.id ?? '');
  const reactivate = useReactivateProduct(product?.id ?? '');
  const saving = create.isPending || save.isPending;

  const set = <K extends keyof ProductValues>(key: K, value: ProductValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setSupplier = (key: string, patch: Partial<SupplierValues>) =>
    setValues((v) => ({
      ...v,
      suppliers: v.suppliers.map((s) =>
        s.key === key ? { ...s, ...patch } : patch.preferred ? { ...s, preferred: false } : s,
      ),
    }));
  const addSupplier = () =>
    setValues((v) => ({
      ...v,
      suppliers: [
        ...v.suppliers,
        {
          key: newKey(),
          companyId: null,
          companyName: null,
          supplierSku: '',
          purchasePrice: '',
          minOrderQty: 1,
          packSize: 1,
          leadTimeDays: 0,
          preferred: v.suppliers.length === 0,
        },
      ],
    }));
  const removeSupplier = (key: string) =>
    setValues((v) => {
      const rest = v.suppliers.filter((s) => s.key !== key);
      if (rest.length && !rest.some((s) => s.preferred)) rest[0] = { ...rest[0]!, preferred: true };
      return { ...v, suppliers: rest };
    });

  const fail = (err: unknown) => {
    setFailure(err);
    setErrors(err instanceof ApiError ? formErrorsOf(err.fieldErrors) : {});
  };

  const submit = () => {
    setFailure(null);
    const missing = supplierRowErrors(values.suppliers, t('suppliers.companyMissing'));
    setErrors(missing);
    if (Object.keys(missing).length) return;
    if (!product) {
      create.mutate(valuesToCreate(values), { onSuccess: onSaved, onError: fail });
      return;
    }
    const update = valuesToUpdate(values, product);
    const suppliers = suppliersChanged(values, product) ? suppliersToInput(values.suppliers) : null;
    if (!update && !suppliers) return;
    save.mutate(
      { update, suppliers, version: product.version },
      {
        onSuccess: (p) => {
          setValues(productToValues(p));
          onSaved(p);
        },
        onError: fail,
      },
    );
  };

  const unitOptions = [...new Set([...PRODUCT_UNITS, values.unit])].map((u) => ({
    value: u,
    label: t(`units.${u}`, { defaultValue: u }),
  }));

  return (
    <Stack>
      {failure && isConflict(failure) ? (
        <ConflictAlert onReload={() => onReload?.()} />
      ) : failure ? (
        <Alert color="red" title={t('editor.saveFailed')} data-testid="product-error">
          {errorMessage(failure, t)}
        </Alert>
      ) : null}
      <Paper withBorder p="md">
        <Grid>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label={t('fields.sku')}
              required
              value={values.sku}
              onChange={(e) => set('sku', e.currentTarget.value)}
              error={errors.sku}
              readOnly={readOnly}
              data-testid="product-sku"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput
              label={t('fields.name')}
              required
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              readOnly={readOnly}
              data-testid="product-name"
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea
              label={t('fields.description')}
              autosize
              minRows={2}
              value={values.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
              readOnly={readOnly}
              data-testid="product-description"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('fields.kind')}
              </Text>
              <SegmentedControl
                data={[
                  { value: 'stock', label: t('kinds.stock') },
                  { value: 'service', label: t('kinds.service') },
                ]}
                value={values.kind}
                onChange={(v) => set('kind', v as ProductValues['kind'])}
                disabled={readOnly}
                data-testid="product-kind"
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select
              label={t('fields.unit')}
              data={unitOptions}
              value={values.unit}
              onChange={(v) => set('unit', v ?? 'C62')}
              allowDeselect={false}
              error={errors.unit}
              readOnly={readOnly}
              data-testid="product-unit"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <Select
              label={t('fields.vatRate')}
              data={['19', '7', '0'].map((r) => ({ value: r, label: `${r} %` }))}
              value={values.vatRate}
              onChange={(v) => set('vatRate', (v ?? '19') as ProductValues['vatRate'])}
              allowDeselect={false}
              error={errors.vatRate}
              readOnly={readOnly}
              data-testid="product-vat"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <NumberInput
              label={t('fields.salesPrice')}
              required
              decimalScale={2}
              fixedDecimalScale
              min={0}
              suffix=" €"
              decimalSeparator={decimal}
              thousandSeparator={thousands}
              value={values.salesPrice}
              onChange={(v) => set('salesPrice', v)}
              error={errors.salesPrice}
              readOnly={readOnly}
              data-testid="product-sales-price"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 4 }}>
            <NumberInput
              label={t('fields.purchasePrice')}
              decimalScale={2}
              fixedDecimalScale
              min={0}
              suffix=" €"
              decimalSeparator={decimal}
              thousandSeparator={thousands}
              value={values.purchasePrice}
              onChange={(v) => set('purchasePrice', v)}
              error={errors.purchasePrice}
              readOnly={readOnly}
              data-testid="product-purchase-price"
            />
          </Grid.Col>
        </Grid>
      </Paper>

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('suppliers.title')}</Title>
          {!readOnly ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={addSupplier}
              data-testid="supplier-add"
            >
              {t('suppliers.add')}
            </Button>
          ) : null}
        </Group>
        {errors.suppliers ? (
          <Text c="red" size="sm" mb="xs">
            {errors.suppliers}
          </Text>
        ) : null}
        {values.suppliers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {values.kind === 'service' ? t('suppliers.noneService') : t('suppliers.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table data-testid="suppliers-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('suppliers.preferred')}</Table.Th>
                  <Table.Th>{t('suppliers.company')}</Table.Th>
                  <Table.Th>{t('suppliers.supplierSku')}</Table.Th>
                  <Table.Th>{t('suppliers.price')}</Table.Th>
                  <Table.Th>{t('suppliers.minOrderQty')}</Table.Th>
                  <Table.Th>{t('suppliers.packSize')}</Table.Th>
                  <Table.Th>{t('suppliers.leadTime')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {values.suppliers.map((s, i) => (
                  <Table.Tr key={s.key} data-testid={`supplier-row-${i}`}>
                    <Table.Td>
                      <Radio
                        checked={s.preferred}
                        onChange={() => setSupplier(s.key, { preferred: true })}
                        disabled={readOnly}
                        aria-label={t('suppliers.preferred')}
                        error={errors[`suppliers.${i}.preferred`]}
                        data-testid={`supplier-preferred-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      {readOnly ? (
                        s.companyName
                      ) : (
                        <SupplierSelect
                          value={s.companyId}
                          label={s.companyName}
                          onChange={(companyId, companyName) =>
                            setSupplier(s.key, { companyId, companyName })
                          }
                          error={errors[`suppliers.${i}.companyId`]}
                          testId={`supplier-company-${i}`}
                        />
                      )}
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        value={s.supplierSku}
                        onChange={(e) => setSupplier(s.key, { supplierSku: e.currentTarget.value })}
                        readOnly={readOnly}
                        w={130}
                        data-testid={`supplier-sku-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        value={s.purchasePrice}
                        onChange={(v) => setSupplier(s.key, { purchasePrice: v })}
                        decimalScale={2}
                        min={0}
                        suffix=" €"
                        decimalSeparator={decimal}
                        thousandSeparator={thousands}
                        readOnly={readOnly}
                        w={120}
                        error={errors[`suppliers.${i}.purchasePrice`]}
                        data-testid={`supplier-price-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        value={s.minOrderQty}
                        onChange={(v) => setSupplier(s.key, { minOrderQty: v })}
                        decimalScale={3}
                        min={0}
                        decimalSeparator={decimal}
                        readOnly={readOnly}
                        w={100}
                        error={errors[`suppliers.${i}.minOrderQty`]}
                        data-testid={`supplier-min-qty-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        value={s.packSize}
                        onChange={(v) => setSupplier(s.key, { packSize: v })}
                        decimalScale={3}
                        min={0}
                        decimalSeparator={decimal}
                        readOnly={readOnly}
                        w={100}
                        error={errors[`suppliers.${i}.packSize`]}
                        data-testid={`supplier-pack-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        value={s.leadTimeDays}
                        onChange={(v) => setSupplier(s.key, { leadTimeDays: v })}
                        allowDecimal={false}
                        min={0}
                        max={365}
                        readOnly={readOnly}
                        w={90}
                        error={errors[`suppliers.${i}.leadTimeDays`]}
                        data-testid={`supplier-lead-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      {!readOnly ? (
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          onClick={() => removeSupplier(s.key)}
                          aria-label={t('suppliers.remove')}
                          data-testid={`supplier-remove-${i}`}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      {!readOnly ? (
        <Group justify="space-between">
          <Group>
            {product?.active ? (
              <Button
                variant="default"
                color="red"
                onClick={() => setConfirmDeactivate(true)}
                data-testid="product-deactivate"
              >
                {t('editor.deactivate')}
              </Button>
            ) : null}
            {product && !product.active ? (
              <>
                <Badge color="gray">{t('inactive')}</Badge>
                <Button
                  variant="default"
                  loading={reactivate.isPending}
                  onClick={() =>
                    reactivate.mutate(product.version, {
                      onSuccess: (p) => {
                        setValues(productToValues(p));
                        onSaved(p);
                      },
                      onError: fail,
                    })
                  }
                  data-testid="product-reactivate"
                >
                  {t('editor.reactivate')}
                </Button>
              </>
            ) : null}
          </Group>
          <Button onClick={submit} loading={saving} data-testid="product-save">
            {product ? t('editor.save') : t('editor.create')}
          </Button>
        </Group>
      ) : null}
      {product ? (
        <ConfirmDialog
          opened={confirmDeactivate}
          title={t('editor.deactivateTitle')}
          message={t('editor.deactivateText', { name: product.name })}
          confirmLabel={t('editor.deactivate')}
          onCancel={() => setConfirmDeactivate(false)}
          onConfirm={() =>
            deactivate.mutate(undefined, {
              onSuccess: (p) => {
                setConfirmDeactivate(false);
                setValues(productToValues(p));
                onSaved(p);
              },
              onError: (err) => {
                setConfirmDeactivate(false);
                fail(err);
              },
            })
          }
        />
      ) : null}
    </Stack>
  );
}

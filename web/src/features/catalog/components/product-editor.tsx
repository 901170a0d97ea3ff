import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
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
import { ProductSuppliers } from './product-suppliers';
import {
  emptyProduct,
  formErrorsOf,
  type ProductValues,
  productToValues,
  supplierRowErrors,
  suppliersChanged,
  suppliersToInput,
  valuesToCreate,
  valuesToUpdate,
} from './product-values';

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

      <ProductSuppliers
        suppliers={values.suppliers}
        kind={values.kind}
        errors={errors}
        readOnly={readOnly}
        onChange={(suppliers) => set('suppliers', suppliers)}
      />

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

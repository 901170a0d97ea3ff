import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ADJUSTMENT_REASONS,
  CreateStockAdjustment,
  type StockLevel,
} from '../../../../../contracts/inventory';
import { useNotify } from '../../../components/notifications';
import { issuesToErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useCreateAdjustment } from '../api/inventory-api';
import { stockErrorMessage, stockFieldErrors } from './stock-errors';
import { StockProductSelect } from './stock-product-select';
import { type AdjustmentValues, adjustmentToRequest, parseQuantity, roundQty } from './stock-values';
import { useQuantity } from './use-quantity';

const initial = (): AdjustmentValues => ({
  productId: null,
  direction: 'out',
  quantity: '',
  reason: 'correction',
  note: '',
});

/**
 * "Bestand korrigieren": adds or removes a quantity of one product in a warehouse with a reason
 * (damaged, lost, found, correction, other) and a note. `product` fixes the product (product page).
 */
export function AdjustmentModal({
  opened,
  onClose,
  warehouseId,
  product,
}: {
  opened: boolean;
  onClose: () => void;
  /** '' = the default warehouse. */
  warehouseId: string;
  product?: StockLevel | null;
}) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { qty, unit } = useQuantity();
  const notify = useNotify();
  const create = useCreateAdjustment();
  const [values, setValues] = useState<AdjustmentValues>(initial);
  const [chosen, setChosen] = useState<StockLevel | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over when opened (not when the levels reload)
  useEffect(() => {
    if (opened) {
      setValues({ ...initial(), productId: product?.productId ?? null });
      setChosen(product ?? null);
      setErrors({});
      setFormError(null);
    }
  }, [opened, product?.productId]);

  const set = <K extends keyof AdjustmentValues>(key: K, value: AdjustmentValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key === 'quantity' || key === 'direction' ? 'quantityChange' : key];
      return next;
    });
  };

  const change = parseQuantity(values.quantity);
  const after =
    chosen && change !== null
      ? roundQty(chosen.onHand + (values.direction === 'out' ? -Math.abs(change) : Math.abs(change)))
      : null;

  const submit = async () => {
    setFormError(null);
    const body = adjustmentToRequest(values, warehouseId || null);
    const parsed = CreateStockAdjustment.safeParse(body);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues, t, { ...body, quantityChange: values.quantity }));
      return;
    }
    try {
      const result = await create.mutateAsync(body);
      const level = result.levels.find((l) => l.productId === body.productId);
      notify.success(
        t('adjust.done', {
          product: chosen?.sku ?? level?.sku ?? '',
          onHand: level ? qty(level.onHand) : '',
        }),
      );
      onClose();
    } catch (err) {
      setErrors(stockFieldErrors(err, t));
      setFormError(stockErrorMessage(err, t, (n) => fmt.number(n, { maximumFractionDigits: 3 })));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('adjust.title')} centered data-testid="adjust-modal">
      <Stack gap="sm">
        <StockProductSelect
          label={t('fields.product')}
          required
          warehouseId={warehouseId}
          value={values.productId}
          selected={chosen}
          disabled={Boolean(product)}
          onChange={(level) => {
            setChosen(level);
            set('productId', level?.productId ?? null);
          }}
          error={errors.productId}
          data-testid="adjust-product"
        />
        {chosen ? (
          <Text size="sm" c="dimmed" data-testid="adjust-current">
            {t('adjust.current', {
              onHand: `${qty(chosen.onHand)} ${unit(chosen.unit)}`,
              available: qty(chosen.available),
            })}
          </Text>
        ) : null}
        <SegmentedControl
          data={[
            { value: 'out', label: t('adjust.out') },
            { value: 'in', label: t('adjust.in') },
          ]}
          value={values.direction}
          onChange={(v) => set('direction', v as AdjustmentValues['direction'])}
          data-testid="adjust-direction"
        />
        <NumberInput
          label={t('fields.quantity')}
          required
          min={0}
          decimalScale={3}
          decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
          allowNegative={false}
          value={values.quantity}
          onChange={(v) => set('quantity', v)}
          rightSection={chosen ? <Text size="xs">{unit(chosen.unit)}</Text> : undefined}
          rightSectionWidth={chosen ? 64 : undefined}
          error={errors.quantityChange}
          description={after !== null ? t('adjust.after', { onHand: qty(after) }) : undefined}
          data-testid="adjust-quantity"
        />
        <Select
          label={t('fields.reason')}
          data={ADJUSTMENT_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
          value={values.reason}
          onChange={(v) => set('reason', (v ?? 'correction') as AdjustmentValues['reason'])}
          allowDeselect={false}
          error={errors.reason}
          data-testid="adjust-reason"
        />
        <Textarea
          label={t('fields.note')}
          autosize
          minRows={2}
          value={values.note}
          onChange={(e) => set('note', e.currentTarget.value)}
          error={errors.note}
          data-testid="adjust-note"
        />
        {formError ? (
          <Alert color="red" data-testid="adjust-error">
            {formError}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={create.isPending} data-testid="adjust-submit">
            {t('adjust.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

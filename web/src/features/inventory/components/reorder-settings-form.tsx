import { Alert, Button, Group, NumberInput, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PutReorderSetting, type ReorderSetting } from '../../../../../contracts/inventory';
import { ConflictAlert } from '../../../components/conflict-alert';
import { useNotify } from '../../../components/notifications';
import { isConflict } from '../../../lib/api';
import { issuesToErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useDeleteReorderSetting, usePutReorderSetting } from '../api/inventory-api';
import { stockErrorMessage, stockFieldErrors } from './stock-errors';
import {
  parseQuantity,
  type ReorderValues,
  reorderFieldErrors,
  reorderToRequest,
  reorderToValues,
} from './stock-values';

/**
 * A product's reorder settings in one warehouse: the reorder point and either "order up to a
 * maximum level" or "order a fixed quantity". Messages from the server land on the fields.
 */
export function ReorderSettingsForm({
  productId,
  warehouseId,
  setting,
  unitLabel,
  canEdit,
  onReload,
}: {
  productId: string;
  warehouseId: string;
  setting: ReorderSetting | null;
  unitLabel: string;
  canEdit: boolean;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const notify = useNotify();
  const put = usePutReorderSetting(productId);
  const remove = useDeleteReorderSetting(productId);
  const [values, setValues] = useState<ReorderValues>(() => reorderToValues(setting));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start over when another setting or version is loaded
  useEffect(() => {
    setValues(reorderToValues(setting));
    setErrors({});
    setFormError(null);
  }, [warehouseId, setting?.version, setting === null]);

  const set = <K extends keyof ReorderValues>(key: K, value: ReorderValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const next = { ...e };
      delete next[key];
      return next;
    });
  };

  const submit = async () => {
    setFormError(null);
    const body = reorderToRequest(values, warehouseId || null, setting);
    const parsed = PutReorderSetting.safeParse(body);
    if (!parsed.success) {
      const chosenField = values.mode === 'max' ? 'maxLevel' : 'reorderQty';
      const out = reorderFieldErrors(
        issuesToErrors(parsed.error.issues, t, { ...body, [chosenField]: values[chosenField] }),
        values.mode,
      );
      // "either … or …" with the chosen field empty: it is simply required
      if (parseQuantity(values[chosenField]) === null && out[chosenField]) {
        out[chosenField] = t('validation:required');
      } else if (out.maxLevel && values.mode === 'max' && parseQuantity(values.maxLevel) !== null) {
        out.maxLevel = t('reorder.maxAbovePoint');
      }
      setErrors(out);
      return;
    }
    try {
      await put.mutateAsync(body);
      notify.success(t('reorder.saved'));
    } catch (err) {
      if (isConflict(err)) setConflict(true);
      else {
        const fields = reorderFieldErrors(stockFieldErrors(err, t), values.mode);
        if (Object.keys(fields).some((k) => k in values)) setErrors(fields);
        else setFormError(stockErrorMessage(err, t));
      }
    }
  };

  const del = async () => {
    setFormError(null);
    try {
      await remove.mutateAsync(warehouseId);
      notify.success(t('reorder.removed'));
    } catch (err) {
      setFormError(stockErrorMessage(err, t));
    }
  };

  const qtyInput = {
    min: 0,
    decimalScale: 3,
    allowNegative: false,
    decimalSeparator: fmt.locale === 'de' ? ',' : '.',
    rightSection: <Text size="xs">{unitLabel}</Text>,
    rightSectionWidth: 64,
    disabled: !canEdit,
  } as const;

  return (
    <Stack gap="sm" data-testid="reorder-form">
      {conflict ? <ConflictAlert onReload={() => void onReload().then(() => setConflict(false))} /> : null}
      <Text size="sm" c="dimmed">
        {setting ? t('reorder.hint') : t('reorder.none')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NumberInput
          label={t('fields.reorderPoint')}
          description={t('reorder.pointHint')}
          required
          {...qtyInput}
          value={values.reorderPoint}
          onChange={(v) => set('reorderPoint', v)}
          error={errors.reorderPoint}
          data-testid="reorder-point"
        />
        <Radio.Group
          label={t('reorder.rule')}
          value={values.mode}
          onChange={(v) => set('mode', v as ReorderValues['mode'])}
        >
          <Stack gap={6} mt={6}>
            <Radio
              value="max"
              label={t('reorder.modeMax')}
              disabled={!canEdit}
              data-testid="reorder-mode-max"
            />
            <Radio
              value="qty"
              label={t('reorder.modeQty')}
              disabled={!canEdit}
              data-testid="reorder-mode-qty"
            />
          </Stack>
        </Radio.Group>
        {values.mode === 'max' ? (
          <NumberInput
            label={t('fields.maxLevel')}
            description={t('reorder.maxHint')}
            required
            {...qtyInput}
            value={values.maxLevel}
            onChange={(v) => set('maxLevel', v)}
            error={errors.maxLevel}
            data-testid="reorder-max"
          />
        ) : (
          <NumberInput
            label={t('fields.reorderQty')}
            description={t('reorder.qtyHint')}
            required
            {...qtyInput}
            value={values.reorderQty}
            onChange={(v) => set('reorderQty', v)}
            error={errors.reorderQty}
            data-testid="reorder-qty"
          />
        )}
      </SimpleGrid>
      {formError ? (
        <Alert color="red" data-testid="reorder-error">
          {formError}
        </Alert>
      ) : null}
      {canEdit ? (
        <Group justify="flex-end">
          {setting ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => void del()}
              loading={remove.isPending}
              data-testid="reorder-delete"
            >
              {t('reorder.remove')}
            </Button>
          ) : null}
          <Button onClick={() => void submit()} loading={put.isPending} data-testid="reorder-save">
            {t('reorder.save')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

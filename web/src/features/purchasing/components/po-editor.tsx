import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListResponse } from '../../../../../contracts/common';
import {
  CreatePurchaseOrder,
  type PurchaseOrder,
  type PurchaseOrderListItem,
  UpdatePurchaseOrder,
} from '../../../../../contracts/purchasing';
import { ConflictAlert } from '../../../components/conflict-alert';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { ApiError, api, isApiError, isConflict } from '../../../lib/api';
import { issuesToErrors, useForm } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { useCreatePurchaseOrder, useUpdatePurchaseOrder } from '../api/purchase-orders-api';
import { useWarehouses } from '../api/settings-api';
import { PurchaseOrderTotals } from './po-detail';
import { PoProductPicker } from './po-product-picker';
import {
  emptyPoLine,
  emptyPoValues,
  lineNetCents,
  mapLineErrorPaths,
  type PoLineValues,
  type PoValues,
  toCents,
  toQuantity,
  valuesFromPurchaseOrder,
  valuesToCreate,
  valuesToUpdate,
} from './po-values';
import { purchasingErrorMessage } from './purchasing-errors';
import { SupplierSelect } from './supplier-select';

/**
 * Creates a draft purchase order or edits one: supplier (companies with the supplier role),
 * warehouse (only when there is more than one), expected date, note and lines (product, quantity,
 * price — empty takes the supplier's price). Validated with the contract's schema; server field
 * errors land on the fields; a supplier that already has a draft links to it.
 */
export function PurchaseOrderEditor({
  po,
  supplierId,
  onSaved,
  onCancel,
  onReload,
}: {
  po?: PurchaseOrder;
  /** Preset supplier of a new order (from the company page). */
  supplierId?: string | null;
  onSaved: (po: PurchaseOrder) => void;
  onCancel: () => void;
  onReload?: () => Promise<unknown>;
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const notify = useNotify();
  const form = useForm<PoValues>(
    po ? valuesFromPurchaseOrder(po) : emptyPoValues(supplierId ? { id: supplierId, name: null } : null),
  );
  const v = form.values;
  const create = useCreatePurchaseOrder();
  const update = useUpdatePurchaseOrder();
  const warehouses = useWarehouses();
  const activeWarehouses = (warehouses.data ?? []).filter((w) => w.active || w.id === v.warehouseId);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [existingDraft, setExistingDraft] = useState<{ id: string; number: string } | null>(null);
  const decimal = fmt.locale === 'de' ? ',' : '.';

  const setLine = (index: number, patch: Partial<PoLineValues>) => {
    form.setValues((prev) => ({
      ...prev,
      lines: prev.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)),
    }));
    form.setErrors((prev) => {
      const next = { ...prev };
      for (const key of Object.keys(next)) if (key.startsWith(`lines.${index}.`)) delete next[key];
      return next;
    });
  };
  const addLine = () => form.setValues((prev) => ({ ...prev, lines: [...prev.lines, emptyPoLine()] }));
  const removeLine = (index: number) =>
    form.setValues((prev) => ({ ...prev, lines: prev.lines.filter((_, i) => i !== index) }));

  const preview = v.lines.reduce(
    (sum, l) => sum + lineNetCents(toQuantity(l.quantity), toCents(l.unitPrice)),
    0,
  );
  const anyDefaultPrice = v.lines.some((l) => l.productId && toCents(l.unitPrice) === undefined);

  const submit = async () => {
    setFormError(null);
    setExistingDraft(null);
    const body = po ? valuesToUpdate(v, po.version) : valuesToCreate(v);
    const parsed = (po ? UpdatePurchaseOrder : CreatePurchaseOrder).safeParse(body);
    if (!parsed.success) {
      const errors = mapLineErrorPaths(issuesToErrors(parsed.error.issues, t, body), v.lines);
      // a line without a product: say so on the product field
      for (const key of Object.keys(errors)) {
        if (/^lines\.\d+\.productId$/.test(key)) errors[key] = t('editor.chooseProduct');
        // the contract's own message ("must be more than 0") is English
        else if (/^lines\.\d+\.quantity$/.test(key) && errors[key] !== t('validation:required'))
          errors[key] = t('editor.quantityPositive');
      }
      if (errors.supplierId) errors.supplierId = t('editor.supplierRequired');
      form.setErrors(errors);
      return;
    }
    try {
      const saved = po
        ? await update.mutateAsync({ id: po.id, ...(body as UpdatePurchaseOrder) })
        : await create.mutateAsync(body as CreatePurchaseOrder);
      notify.success(po ? t('editor.saved') : t('editor.created', { number: saved.number }));
      onSaved(saved);
    } catch (err) {
      if (isConflict(err)) {
        setConflict(true);
        return;
      }
      if (isApiError(err, 409) && err.problem.code === 'purchase_orders.draft_exists' && v.supplierId) {
        const drafts = await api
          .get<ListResponse<PurchaseOrderListItem>>('/purchase-orders', {
            supplierId: v.supplierId,
            status: 'draft',
            limit: 5,
          })
          .catch(() => null);
        const draft =
          drafts?.items.find((d) => !v.warehouseId || d.warehouseId === v.warehouseId) ?? drafts?.items[0];
        if (draft) setExistingDraft({ id: draft.id, number: draft.number });
      }
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length > 0) {
        form.setErrors(mapLineErrorPaths(err.fieldErrors, v.lines));
      }
      setFormError(purchasingErrorMessage(err, t));
    }
  };

  return (
    <Stack gap="lg" data-testid="po-editor">
      {conflict && onReload ? (
        <ConflictAlert reloading={false} onReload={() => void onReload().then(() => setConflict(false))} />
      ) : null}
      <Card withBorder radius="md" padding="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <SupplierSelect
            fieldLabel={t('fields.supplier')}
            value={v.supplierId}
            label={v.supplierName}
            onChange={(id, name) => {
              form.setFieldValue('supplierId', id);
              form.setFieldValue('supplierName', name);
            }}
            disabled={Boolean(po)}
            required
            error={form.errors.supplierId}
            testId="po-supplier"
          />
          {activeWarehouses.length > 1 ? (
            <Select
              label={t('fields.warehouse')}
              data={activeWarehouses.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` }))}
              value={v.warehouseId ?? activeWarehouses.find((w) => w.isDefault)?.id ?? null}
              onChange={(id) => form.setFieldValue('warehouseId', id)}
              disabled={Boolean(po)}
              error={form.errors.warehouseId}
              data-testid="po-warehouse"
            />
          ) : null}
          <LazyDateInput
            label={t('fields.expectedDate')}
            value={v.expectedDate}
            onChange={(d) => form.setFieldValue('expectedDate', d)}
            error={form.errors.expectedDate}
            clearable
            data-testid="po-expected-date-input"
          />
          <Textarea
            label={t('fields.note')}
            description={t('editor.noteHint')}
            autosize
            minRows={1}
            {...form.getInputProps('note')}
            data-testid="po-note-input"
          />
        </SimpleGrid>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Title order={4} mb="md">
          {t('detail.lines')}
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="po-editor-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lines.product')}</Table.Th>
                <Table.Th w={170}>{t('lines.quantity')}</Table.Th>
                <Table.Th w={190}>{t('lines.unitPrice')}</Table.Th>
                <Table.Th w={120} ta="right">
                  {t('lines.net')}
                </Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {v.lines.map((line, i) => {
                const price = toCents(line.unitPrice);
                return (
                  <Table.Tr key={line.key} data-testid="po-editor-line" style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <PoProductPicker
                        label={t('lines.product')}
                        value={line.description}
                        productId={line.productId}
                        onChange={(description) =>
                          setLine(i, { description, ...(line.productId ? {} : { productId: null }) })
                        }
                        onPick={(p) =>
                          setLine(i, { productId: p.id, sku: p.sku, description: p.name, unit: p.unit })
                        }
                        error={form.errors[`lines.${i}.productId`] ?? form.errors[`lines.${i}.description`]}
                        testId={`po-editor-product-${i}`}
                      />
                      {line.sku ? (
                        <Text size="xs" c="dimmed" ff="monospace" mt={2}>
                          {line.sku}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('lines.quantity')}
                        value={line.quantity}
                        onChange={(q) => setLine(i, { quantity: q })}
                        min={0}
                        allowNegative={false}
                        decimalScale={3}
                        decimalSeparator={decimal}
                        rightSection={<Text size="xs">{t(`unitShort.${line.unit}`, line.unit)}</Text>}
                        rightSectionWidth={64}
                        error={form.errors[`lines.${i}.quantity`]}
                        data-testid={`po-editor-qty-${i}`}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('lines.unitPrice')}
                        value={line.unitPrice}
                        onChange={(p) => setLine(i, { unitPrice: p })}
                        min={0}
                        allowNegative={false}
                        decimalScale={2}
                        decimalSeparator={decimal}
                        placeholder={t('editor.defaultPrice')}
                        rightSection={<Text size="xs">€</Text>}
                        error={form.errors[`lines.${i}.unitPriceCents`]}
                        data-testid={`po-editor-price-${i}`}
                      />
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm" pt={6}>
                        {price === undefined
                          ? '—'
                          : fmt.money(lineNetCents(toQuantity(line.quantity), price), 'EUR')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={4}
                        aria-label={t('editor.removeLine')}
                        onClick={() => removeLine(i)}
                        data-testid={`po-editor-remove-${i}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {form.errors.lines ? (
          <Text size="sm" c="red" mt="xs">
            {form.errors.lines}
          </Text>
        ) : null}
        <Group justify="space-between" mt="md" align="flex-start">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={addLine}
            data-testid="po-editor-add-line"
          >
            {t('editor.addLine')}
          </Button>
          <Stack gap={4} w={360}>
            <PurchaseOrderTotals totals={{ netCents: preview }} />
            {anyDefaultPrice ? (
              <Text size="xs" c="dimmed" ta="right">
                {t('editor.defaultPriceHint')}
              </Text>
            ) : null}
          </Stack>
        </Group>
      </Card>

      {formError ? (
        <Alert color="red" data-testid="po-editor-error">
          {formError}
          {existingDraft ? (
            <>
              {' '}
              <Anchor
                component={Link}
                to={`/purchase-orders/${existingDraft.id}`}
                data-testid="po-existing-draft"
              >
                {t('editor.openDraft', { number: existingDraft.number })}
              </Anchor>
            </>
          ) : null}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-testid="po-editor-cancel">
          {t('actions.close')}
        </Button>
        <Button
          onClick={() => void submit()}
          loading={create.isPending || update.isPending}
          data-testid="po-editor-save"
        >
          {po ? t('editor.save') : t('editor.create')}
        </Button>
      </Group>
    </Stack>
  );
}

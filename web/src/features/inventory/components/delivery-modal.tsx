import { Modal, NumberInput, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDelivery } from '../../../../../contracts/inventory';
import { useNotify } from '../../../components/notifications';
import { issuesToErrors } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useCreateDelivery } from '../api/inventory-api';
import { DatedNoteFooter } from './dated-note-footer';
import { stockErrorMessage, stockFieldErrors } from './stock-errors';
import { type DeliveryRow, deliveryToRequest, overDelivered } from './stock-values';
import { useQuantity } from './use-quantity';

/**
 * "Liefern": the open quantities of a won deal or an issued invoice, each editable (all of it by
 * default; less for a partial delivery, 0 to leave a line out); posts one delivery.
 */
export function DeliveryModal({
  opened,
  onClose,
  source,
  rows: initialRows,
}: {
  opened: boolean;
  onClose: () => void;
  source: { dealId: string } | { invoiceId: string };
  rows: DeliveryRow[];
}) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { qty, unit } = useQuantity();
  const notify = useNotify();
  const create = useCreateDelivery();
  const [rows, setRows] = useState<DeliveryRow[]>(initialRows);
  const [deliveredOn, setDeliveredOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: start from the open quantities each time it opens
  useEffect(() => {
    if (opened) {
      setRows(initialRows);
      setDeliveredOn(todayBusinessDate());
      setNote('');
      setErrors({});
      setFormError(null);
    }
  }, [opened]);

  const tooMuch = overDelivered(rows);

  const submit = async () => {
    setFormError(null);
    const body = deliveryToRequest(source, rows, deliveredOn, note);
    if (!body) {
      setFormError(t('delivery.nothing'));
      return;
    }
    const parsed = CreateDelivery.safeParse(body);
    if (!parsed.success) {
      const errs = issuesToErrors(parsed.error.issues, t, body);
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(errs)) {
        const m = /^lines\.(\d+)\./.exec(path);
        const productId = m ? body.lines?.[Number(m[1])]?.productId : undefined;
        out[productId ?? path] = message;
      }
      setErrors(out);
      return;
    }
    try {
      const delivery = await create.mutateAsync(body);
      notify.success(t('delivery.done', { number: delivery.number }));
      onClose();
    } catch (err) {
      // line errors (more than open, not on the document) onto their rows
      const fields = stockFieldErrors(err, t, (path) => {
        const m = /^lines\.(\d+)\./.exec(path);
        return (m && body.lines?.[Number(m[1])]?.productId) || path;
      });
      setErrors(fields);
      setFormError(stockErrorMessage(err, t, (n) => fmt.number(n, { maximumFractionDigits: 3 })));
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('delivery.title')}
      size="lg"
      centered
      data-testid="delivery-modal"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('delivery.hint')}
        </Text>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.product')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('fields.open')}</Table.Th>
              <Table.Th>{t('delivery.now')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={row.productId} data-testid={`delivery-row-${row.sku}`}>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {row.sku}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.productName}
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  {qty(row.open)} {unit(row.unit)}
                </Table.Td>
                <Table.Td w={160}>
                  <NumberInput
                    aria-label={t('delivery.now')}
                    min={0}
                    decimalScale={3}
                    allowNegative={false}
                    decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
                    value={row.quantity}
                    onChange={(v) => {
                      setRows((prev) => prev.map((r, j) => (j === i ? { ...r, quantity: v } : r)));
                      setErrors((e) => {
                        const next = { ...e };
                        delete next[row.productId];
                        return next;
                      });
                    }}
                    error={
                      errors[row.productId] ??
                      (tooMuch.has(i) ? t('delivery.tooMuch', { open: qty(row.open) }) : undefined)
                    }
                    data-testid={`delivery-qty-${row.sku}`}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <DatedNoteFooter
          dateLabel={t('delivery.deliveredOn')}
          date={deliveredOn}
          onDateChange={setDeliveredOn}
          dateError={errors.deliveredOn}
          note={note}
          onNoteChange={setNote}
          noteError={errors.note}
          formError={formError}
          onCancel={onClose}
          onSubmit={() => void submit()}
          submitting={create.isPending}
          submitLabel={t('delivery.submit')}
          testPrefix="delivery"
        />
      </Stack>
    </Modal>
  );
}

import { ActionIcon, Button, Group, Modal, NumberInput, Stack, Table, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateStockCount, type StockLevel } from '../../../../../contracts/inventory';
import { useNotify } from '../../../components/notifications';
import { issuesToErrors } from '../../../lib/form';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useCreateCount } from '../api/inventory-api';
import { DatedNoteFooter } from './dated-note-footer';
import { stockErrorMessage } from './stock-errors';
import { StockProductSelect } from './stock-product-select';
import { type CountRow, countDifference, countToRequest, formatDelta } from './stock-values';
import { useQuantity } from './use-quantity';

let seq = 0;
const newRow = (): CountRow => ({ key: `c${++seq}`, productId: null, label: '', onHand: null, counted: '' });

/**
 * "Inventur": counted quantities of several products in one warehouse, posted as one count; each
 * row shows the current on hand and the difference the count will book.
 */
export function CountModal({
  opened,
  onClose,
  warehouseId,
}: {
  opened: boolean;
  onClose: () => void;
  /** '' = the default warehouse. */
  warehouseId: string;
}) {
  const { t } = useTranslation('inventory');
  const fmt = useFormat();
  const { qty } = useQuantity();
  const notify = useNotify();
  const create = useCreateCount();
  const [rows, setRows] = useState<CountRow[]>(() => [newRow()]);
  const [chosen, setChosen] = useState<Record<string, StockLevel>>({});
  const [countedOn, setCountedOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    if (opened) {
      setRows([newRow()]);
      setChosen({});
      setCountedOn(todayBusinessDate());
      setNote('');
      setErrors({});
      setFormError(null);
    }
  }, [opened]);

  const update = (key: string, patch: Partial<CountRow>) =>
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = async () => {
    setFormError(null);
    const body = countToRequest(rows, warehouseId || null, countedOn, note);
    const parsed = CreateStockCount.safeParse(body);
    if (!parsed.success) {
      const byLine = issuesToErrors(parsed.error.issues, t, body);
      // line errors onto the rows they came from (rows without a product are not sent)
      const sent = rows.filter((r) => r.productId);
      const out: Record<string, string> = {};
      for (const [path, message] of Object.entries(byLine)) {
        const m = /^lines\.(\d+)\./.exec(path);
        const row = m ? sent.find((r) => r.productId === body.lines[Number(m[1])]?.productId) : undefined;
        out[row ? row.key : path === 'lines' ? '_form' : path] = message;
      }
      setErrors(out);
      if (out._form) setFormError(out._form);
      return;
    }
    try {
      const result = await create.mutateAsync(body);
      notify.success(t('count.done', { count: result.moves.length }));
      onClose();
    } catch (err) {
      setFormError(stockErrorMessage(err, t, (n) => fmt.number(n, { maximumFractionDigits: 3 })));
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('count.title')}
      size="xl"
      centered
      data-testid="count-modal"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('count.hint')}
        </Text>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.product')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('fields.onHand')}</Table.Th>
              <Table.Th>{t('fields.counted')}</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>{t('fields.difference')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => {
              const diff = countDifference(row);
              return (
                <Table.Tr key={row.key} data-testid={`count-row-${i}`}>
                  <Table.Td miw={260}>
                    <StockProductSelect
                      aria-label={t('fields.product')}
                      warehouseId={warehouseId}
                      value={row.productId}
                      selected={chosen[row.key] ?? null}
                      onChange={(level) => {
                        setChosen((c) => {
                          const next = { ...c };
                          if (level) next[row.key] = level;
                          else delete next[row.key];
                          return next;
                        });
                        update(row.key, {
                          productId: level?.productId ?? null,
                          label: level ? `${level.sku} · ${level.productName}` : '',
                          onHand: level?.onHand ?? null,
                          counted: row.counted === '' && level ? level.onHand : row.counted,
                        });
                      }}
                      data-testid={`count-product-${i}`}
                    />
                  </Table.Td>
                  <Table.Td style={{ textAlign: 'right' }} data-testid={`count-onhand-${i}`}>
                    {row.onHand === null ? '—' : qty(row.onHand)}
                  </Table.Td>
                  <Table.Td w={150}>
                    <NumberInput
                      aria-label={t('fields.counted')}
                      min={0}
                      decimalScale={3}
                      allowNegative={false}
                      decimalSeparator={fmt.locale === 'de' ? ',' : '.'}
                      value={row.counted}
                      onChange={(v) => {
                        update(row.key, { counted: v });
                        setErrors((e) => {
                          const next = { ...e };
                          delete next[row.key];
                          return next;
                        });
                      }}
                      error={errors[row.key]}
                      data-testid={`count-counted-${i}`}
                    />
                  </Table.Td>
                  <Table.Td
                    style={{ textAlign: 'right', whiteSpace: 'nowrap' }}
                    c={diff !== null && diff < 0 ? 'red' : diff ? 'teal' : 'dimmed'}
                    data-testid={`count-diff-${i}`}
                  >
                    {diff === null ? '' : diff === 0 ? '±0' : formatDelta(diff, qty)}
                  </Table.Td>
                  <Table.Td w={40}>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('count.removeRow')}
                      disabled={rows.length === 1}
                      onClick={() => setRows((prev) => prev.filter((r) => r.key !== row.key))}
                      data-testid={`count-remove-${i}`}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setRows((prev) => [...prev, newRow()])}
            data-testid="count-add-row"
          >
            {t('count.addRow')}
          </Button>
        </Group>
        <DatedNoteFooter
          dateLabel={t('count.countedOn')}
          date={countedOn}
          onDateChange={setCountedOn}
          dateError={errors.countedOn}
          note={note}
          onNoteChange={setNote}
          noteError={errors.note}
          formError={formError}
          onCancel={onClose}
          onSubmit={() => void submit()}
          submitting={create.isPending}
          submitLabel={t('count.submit')}
          testPrefix="count"
        />
      </Stack>
    </Modal>
  );
}

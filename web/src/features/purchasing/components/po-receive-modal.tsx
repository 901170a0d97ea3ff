import { Alert, Button, Group, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrder } from '../../../../../contracts/purchasing';
import { LazyDateInput } from '../../../components/dates/lazy-date-input';
import { useNotify } from '../../../components/notifications';
import { ApiError } from '../../../lib/api';
import { todayBusinessDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { useReceiveGoods } from '../api/purchase-orders-api';
import { type ReceiptProblem, receiptDefaults, receiptToInput } from './po-values';
import { purchasingErrorMessage } from './purchasing-errors';

/**
 * Books a goods receipt: per open line the quantity that arrived, prefilled with what is still open
 * (a full delivery), editable, 0 for a line that did not come. Stock rises, "on order" falls.
 */
export function ReceiveGoodsModal({
  opened,
  po,
  onClose,
}: {
  opened: boolean;
  po: PurchaseOrder;
  onClose: () => void;
}) {
  const { t } = useTranslation('purchasing');
  const fmt = useFormat();
  const notify = useNotify();
  const receive = useReceiveGoods();
  const [quantities, setQuantities] = useState<Record<string, number | string>>({});
  const [receivedOn, setReceivedOn] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Record<string, ReceiptProblem | string>>({});
  const [error, setError] = useState<string | null>(null);
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const openLines = po.lines.filter((l) => l.open > 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: prefill when the modal opens
  useEffect(() => {
    if (opened) {
      setQuantities(receiptDefaults(po));
      setReceivedOn(todayBusinessDate());
      setNote('');
      setProblems({});
      setError(null);
    }
  }, [opened]);

  const submit = async () => {
    setError(null);
    const result = receiptToInput(po, quantities, { receivedOn, note });
    setProblems(result.problems);
    if (!result.input) {
      setError(result.problem === 'nothing' ? t('receive.nothing') : t('receive.invalid'));
      return;
    }
    try {
      await receive.mutateAsync({ id: po.id, ...result.input });
      notify.success(t('receive.done', { number: po.number }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError) {
        // `lines.<i>.quantity` of the body → the line's id
        const byLine: Record<string, string> = {};
        for (const [path, message] of Object.entries(err.fieldErrors)) {
          const m = /^lines\.(\d+)/.exec(path);
          const lineId = m ? result.input.lines[Number(m[1])]?.lineId : undefined;
          if (lineId) byLine[lineId] = message;
        }
        setProblems(byLine);
      }
      setError(purchasingErrorMessage(err, t));
    }
  };

  const problemText = (p: ReceiptProblem | string | undefined) =>
    p === 'invalid'
      ? t('receive.invalidQty')
      : p === 'tooMuch'
        ? t('receive.tooMuch')
        : p === 'nothing'
          ? undefined
          : p;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('receive.title', { number: po.number })}
      size="xl"
      centered
      data-testid="po-receive-modal"
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('receive.hint')}
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table fz="sm" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('lines.product')}</Table.Th>
                <Table.Th ta="right">{t('lines.ordered')}</Table.Th>
                <Table.Th ta="right">{t('lines.received')}</Table.Th>
                <Table.Th ta="right">{t('lines.open')}</Table.Th>
                <Table.Th w={150}>{t('receive.quantity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {openLines.map((l) => (
                <Table.Tr key={l.id} data-testid={`po-receive-row-${l.sku}`}>
                  <Table.Td>
                    <Text size="sm" ff="monospace" c="dimmed" span>
                      {l.sku}
                    </Text>{' '}
                    {l.description}
                  </Table.Td>
                  <Table.Td ta="right">{fmt.number(l.quantity, { maximumFractionDigits: 3 })}</Table.Td>
                  <Table.Td ta="right">{fmt.number(l.received, { maximumFractionDigits: 3 })}</Table.Td>
                  <Table.Td ta="right">{fmt.number(l.open, { maximumFractionDigits: 3 })}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('receive.quantityOf', { sku: l.sku })}
                      value={quantities[l.id] ?? ''}
                      onChange={(v) => setQuantities((prev) => ({ ...prev, [l.id]: v }))}
                      min={0}
                      allowNegative={false}
                      decimalScale={3}
                      decimalSeparator={decimal}
                      rightSection={<Text size="xs">{t(`unitShort.${l.unit}`, l.unit)}</Text>}
                      rightSectionWidth={64}
                      error={problemText(problems[l.id])}
                      data-testid={`po-receive-qty-${l.sku}`}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group grow align="flex-start">
          <LazyDateInput
            label={t('receive.receivedOn')}
            value={receivedOn}
            onChange={(v) => setReceivedOn(v)}
            data-testid="po-receive-date"
          />
          <Textarea
            label={t('receive.note')}
            autosize
            minRows={1}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="po-receive-note"
          />
        </Group>
        {error ? (
          <Alert color="red" data-testid="po-receive-error">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.close')}
          </Button>
          <Button onClick={() => void submit()} loading={receive.isPending} data-testid="po-receive-submit">
            {t('receive.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

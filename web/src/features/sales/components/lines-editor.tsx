import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Select,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { emptyLine, type LineValues, previewNetCents, previewTotalCents } from './line-values';
import { vatOptions } from './options';

/**
 * The deal's lines: text, quantity, unit price (€), discount (%) and VAT rate, with each line's net
 * amount and the total while typing — computed by the same function the server uses.
 */
export function LinesEditor({
  lines,
  onChange,
  errors,
}: {
  lines: LineValues[];
  onChange: (lines: LineValues[]) => void;
  errors: FormErrors;
}) {
  const { t } = useTranslation('sales');
  const fmt = useFormat();
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const thousands = fmt.locale === 'de' ? '.' : ',';
  const update = (key: string, patch: Partial<LineValues>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const err = (i: number, field: string) => errors[`lines.${i}.${field}`];

  return (
    <div data-testid="deal-lines">
      <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={4} miw={720}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lines.description')}</Table.Th>
            <Table.Th w={90}>{t('lines.quantity')}</Table.Th>
            <Table.Th w={130}>{t('lines.unitPrice')}</Table.Th>
            <Table.Th w={90}>{t('lines.discount')}</Table.Th>
            <Table.Th w={100}>{t('lines.vat')}</Table.Th>
            <Table.Th w={120} style={{ textAlign: 'right' }}>
              {t('lines.net')}
            </Table.Th>
            <Table.Th w={36} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line, i) => {
            const net = previewNetCents(line);
            return (
              <Table.Tr key={line.key} data-testid="deal-line" style={{ verticalAlign: 'top' }}>
                <Table.Td>
                  <TextInput
                    aria-label={t('lines.descriptionOf', { n: i + 1 })}
                    value={line.description}
                    onChange={(e) => update(line.key, { description: e.currentTarget.value })}
                    error={err(i, 'description')}
                    data-testid="deal-line-description"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('lines.quantityOf', { n: i + 1 })}
                    value={line.quantity}
                    onChange={(v) => update(line.key, { quantity: v })}
                    min={0}
                    decimalScale={3}
                    decimalSeparator={decimal}
                    thousandSeparator={thousands}
                    hideControls
                    error={err(i, 'quantity')}
                    data-testid="deal-line-quantity"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('lines.unitPriceOf', { n: i + 1 })}
                    value={line.unitPrice}
                    onChange={(v) => update(line.key, { unitPrice: v })}
                    min={0}
                    decimalScale={2}
                    decimalSeparator={decimal}
                    thousandSeparator={thousands}
                    rightSection={<Text size="xs">€</Text>}
                    hideControls
                    error={err(i, 'unitPriceCents')}
                    data-testid="deal-line-price"
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={t('lines.discountOf', { n: i + 1 })}
                    value={line.discountPercent}
                    onChange={(v) => update(line.key, { discountPercent: v })}
                    min={0}
                    max={100}
                    decimalScale={2}
                    decimalSeparator={decimal}
                    rightSection={<Text size="xs">%</Text>}
                    hideControls
                    error={err(i, 'discountPercent')}
                    data-testid="deal-line-discount"
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t('lines.vatOf', { n: i + 1 })}
                    data={vatOptions(t)}
                    value={line.vatRate}
                    onChange={(v) => update(line.key, { vatRate: v ?? '19' })}
                    allowDeselect={false}
                    error={err(i, 'vatRate')}
                    data-testid="deal-line-vat"
                  />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Text size="sm" pt={6} c={net === null ? 'dimmed' : undefined} data-testid="deal-line-net">
                    {net === null ? '—' : fmt.money(net, 'EUR')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Tooltip label={t('lines.remove')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      mt={4}
                      aria-label={t('lines.removeOf', { n: i + 1 })}
                      onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                      data-testid="deal-line-remove"
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {errors.lines ? (
        <Text size="xs" c="red" mt={4}>
          {errors.lines}
        </Text>
      ) : null}
      <Group justify="space-between" mt="xs">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...lines, emptyLine()])}
          data-testid="deal-line-add"
        >
          {t('lines.add')}
        </Button>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('lines.total')}
          </Text>
          <Text fw={700} data-testid="deal-lines-total">
            {fmt.money(previewTotalCents(lines), 'EUR')}
          </Text>
        </Group>
      </Group>
    </div>
  );
}

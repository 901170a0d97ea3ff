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
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { VatCategory } from '../../../../../contracts/billing';
import type { FormErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { emptyInvoiceLine, type InvoiceLineValues, NEEDS_REASON, previewLineNet } from './invoice-values';
import { defaultExemptionReason, unitOptions, vatCategoryOptions, vatRateOptions } from './options';

/**
 * The invoice's lines: text, quantity and unit, unit price (€), discount (%), VAT rate — for 0 % the
 * VAT category and the exemption reason — with each line's net while typing; add, remove, move up/down.
 */
export function InvoiceLinesEditor({
  lines,
  onChange,
  errors,
}: {
  lines: InvoiceLineValues[];
  onChange: (lines: InvoiceLineValues[]) => void;
  errors: FormErrors;
}) {
  const { t } = useTranslation('billing');
  const fmt = useFormat();
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const thousands = fmt.locale === 'de' ? '.' : ',';
  const update = (key: string, patch: Partial<InvoiceLineValues>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const move = (index: number, by: number) => {
    const next = [...lines];
    const [line] = next.splice(index, 1);
    if (!line) return;
    next.splice(index + by, 0, line);
    onChange(next);
  };
  const err = (i: number, field: string) => errors[`lines.${i}.${field}`];

  return (
    <div data-testid="invoice-lines">
      <Table.ScrollContainer minWidth={900}>
        <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={28}>#</Table.Th>
              <Table.Th>{t('lines.description')}</Table.Th>
              <Table.Th w={90}>{t('lines.quantity')}</Table.Th>
              <Table.Th w={120}>{t('lines.unit')}</Table.Th>
              <Table.Th w={120}>{t('lines.unitPrice')}</Table.Th>
              <Table.Th w={80}>{t('lines.discount')}</Table.Th>
              <Table.Th w={90}>{t('lines.vat')}</Table.Th>
              <Table.Th w={110} style={{ textAlign: 'right' }}>
                {t('lines.net')}
              </Table.Th>
              <Table.Th w={96} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const net = previewLineNet(line);
              const zero = line.vatRate === '0';
              return (
                <Fragment key={line.key}>
                  <Table.Tr data-testid="invoice-line" style={{ verticalAlign: 'top' }}>
                    <Table.Td>
                      <Text size="sm" pt={6} c="dimmed">
                        {i + 1}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('lines.descriptionOf', { n: i + 1 })}
                        value={line.description}
                        onChange={(e) => update(line.key, { description: e.currentTarget.value })}
                        error={err(i, 'description')}
                        data-testid="invoice-line-description"
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
                        data-testid="invoice-line-quantity"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('lines.unitOf', { n: i + 1 })}
                        data={unitOptions(t)}
                        value={line.unit}
                        onChange={(v) => update(line.key, { unit: v ?? 'C62' })}
                        allowDeselect={false}
                        error={err(i, 'unit')}
                        data-testid="invoice-line-unit"
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
                        data-testid="invoice-line-price"
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
                        data-testid="invoice-line-discount"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('lines.vatOf', { n: i + 1 })}
                        data={vatRateOptions()}
                        value={line.vatRate}
                        onChange={(v) =>
                          update(line.key, {
                            vatRate: v ?? '19',
                            ...(v === '0' ? {} : { vatCategory: null, exemptionReason: '' }),
                          })
                        }
                        allowDeselect={false}
                        error={err(i, 'vatRate')}
                        data-testid="invoice-line-vat"
                      />
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      <Text
                        size="sm"
                        pt={6}
                        c={net === null ? 'dimmed' : undefined}
                        data-testid="invoice-line-net"
                      >
                        {net === null ? '—' : fmt.money(net, 'EUR')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={0} wrap="nowrap" mt={4}>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          disabled={i === 0}
                          aria-label={t('lines.moveUp', { n: i + 1 })}
                          onClick={() => move(i, -1)}
                          data-testid="invoice-line-up"
                        >
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          disabled={i === lines.length - 1}
                          aria-label={t('lines.moveDown', { n: i + 1 })}
                          onClick={() => move(i, 1)}
                          data-testid="invoice-line-down"
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                        <Tooltip label={t('lines.remove')}>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            disabled={lines.length === 1}
                            aria-label={t('lines.removeOf', { n: i + 1 })}
                            onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                            data-testid="invoice-line-remove"
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                  {zero ? (
                    <Table.Tr data-testid="invoice-line-exemption" style={{ verticalAlign: 'top' }}>
                      <Table.Td />
                      <Table.Td colSpan={8}>
                        <Group gap="xs" align="flex-start" wrap="nowrap">
                          <Select
                            aria-label={t('lines.vatCategoryOf', { n: i + 1 })}
                            placeholder={t('lines.vatCategory')}
                            data={vatCategoryOptions(t)}
                            value={line.vatCategory}
                            onChange={(v) => {
                              const category = (v as VatCategory | null) ?? null;
                              update(line.key, {
                                vatCategory: category,
                                exemptionReason:
                                  line.exemptionReason || !category
                                    ? line.exemptionReason
                                    : defaultExemptionReason(t, category),
                              });
                            }}
                            error={err(i, 'vatCategory')}
                            w={320}
                            data-testid="invoice-line-vat-category"
                          />
                          <TextInput
                            aria-label={t('lines.exemptionReasonOf', { n: i + 1 })}
                            placeholder={t('lines.exemptionReason')}
                            value={line.exemptionReason}
                            onChange={(e) => update(line.key, { exemptionReason: e.currentTarget.value })}
                            error={
                              err(i, 'exemptionReason') ??
                              (line.vatCategory &&
                              NEEDS_REASON.includes(line.vatCategory) &&
                              !line.exemptionReason.trim()
                                ? t('lines.reasonNeeded')
                                : undefined)
                            }
                            style={{ flex: 1 }}
                            data-testid="invoice-line-exemption-reason"
                          />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ) : null}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.lines ? (
        <Text size="xs" c="red" mt={4}>
          {errors.lines}
        </Text>
      ) : null}
      <Button
        variant="light"
        size="xs"
        mt="xs"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...lines, emptyInvoiceLine()])}
        data-testid="invoice-line-add"
      >
        {t('lines.add')}
      </Button>
    </div>
  );
}

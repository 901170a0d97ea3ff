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
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from '../lib/form';
import { useFormat } from '../lib/use-format';

/** The fields every edited line has: prices in euros as typed. */
export interface EditableLine {
  key: string;
  description: string;
  quantity: number | string;
  unitPrice: number | string;
  discountPercent: number | string;
  vatRate: string;
}

/** The texts a namespace passed as `ns` has under `lines.` (`moveUp`/`moveDown` only for `movable`). */
export type LineTextKey =
  | 'description'
  | 'descriptionOf'
  | 'quantity'
  | 'quantityOf'
  | 'unitPrice'
  | 'unitPriceOf'
  | 'discount'
  | 'discountOf'
  | 'vat'
  | 'vatOf'
  | 'net'
  | 'add'
  | 'remove'
  | 'removeOf'
  | 'moveUp'
  | 'moveDown';

/** Column widths (px) of the standard columns. */
export interface LinesTableWidths {
  quantity: number;
  unitPrice: number;
  discount: number;
  vat: number;
  net: number;
  actions: number;
}

/** What a cell slot gets: the line, its position (0-based), a patcher and the line's field errors. */
export interface LineSlotProps<L> {
  line: L;
  index: number;
  update: (patch: Partial<L>) => void;
  error: (field: string) => string | undefined;
}

/**
 * An editable table of document lines (deal, invoice): text, quantity, unit price (€), discount (%),
 * VAT rate and each line's net while typing; add and remove lines, optionally move them up/down.
 * Texts come from the namespace `ns` (`lines.*`), test ids start with `testIdPrefix`
 * (`deal-line` → `deal-line-quantity`, …). A feature adds a column after the quantity
 * (`afterQuantity`) and a row under a line (`rowBelow`).
 */
export function LinesTable<L extends EditableLine>({
  ns,
  lines,
  onChange,
  errors,
  newLine,
  netOf,
  vatOptions,
  vatPatch = (vatRate) => ({ vatRate }) as Partial<L>,
  testId,
  testIdPrefix,
  widths,
  minWidth,
  scroll = false,
  movable = false,
  afterQuantity,
  rowBelow,
  descriptionInput,
  footer,
}: {
  /** The i18n namespace with the `lines.*` texts (see LineTextKey). */
  ns: string;
  lines: L[];
  onChange: (lines: L[]) => void;
  errors: FormErrors;
  newLine: () => L;
  /** The line's net in cents, or null while incomplete. */
  netOf: (line: L) => number | null;
  vatOptions: { value: string; label: string }[];
  /** What choosing a VAT rate changes (default: the rate, or 19 % when cleared). */
  vatPatch?: (vatRate: string, chosen: string | null) => Partial<L>;
  testId: string;
  testIdPrefix: string;
  widths: LinesTableWidths;
  minWidth: number;
  /** Scroll sideways in a container instead of widening the table. */
  scroll?: boolean;
  /** Number the lines and let them move up and down (the last line cannot be removed). */
  movable?: boolean;
  afterQuantity?: { header: ReactNode; width: number; cell: (slot: LineSlotProps<L>) => ReactNode };
  /** A row under a line, shown where `cell` gives something. */
  rowBelow?: { testId: string; cell: (slot: LineSlotProps<L>) => ReactNode };
  /**
   * Renders the description input instead of the plain text field (a product picker), with the
   * field's accessible label and test id.
   */
  descriptionInput?: (slot: LineSlotProps<L>, field: { label: string; testId: string }) => ReactNode;
  /** Shown right of "add line" (a total). */
  footer?: ReactNode;
}) {
  const { t: translate } = useTranslation();
  const text = (key: LineTextKey, values?: { n: number }) => translate(`${ns}:lines.${key}`, values);
  const fmt = useFormat();
  const decimal = fmt.locale === 'de' ? ',' : '.';
  const thousands = fmt.locale === 'de' ? '.' : ',';
  const update = (key: string, patch: Partial<L>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const move = (index: number, by: number) => {
    const next = [...lines];
    const [line] = next.splice(index, 1);
    if (!line) return;
    next.splice(index + by, 0, line);
    onChange(next);
  };
  const columnCount = 7 + (movable ? 1 : 0) + (afterQuantity ? 1 : 0);

  const removeButton = (line: L, i: number) => (
    <Tooltip label={text('remove')}>
      <ActionIcon
        variant="subtle"
        color="red"
        mt={movable ? undefined : 4}
        disabled={movable && lines.length === 1}
        aria-label={text('removeOf', { n: i + 1 })}
        onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
        data-testid={`${testIdPrefix}-remove`}
      >
        <IconTrash size={16} />
      </ActionIcon>
    </Tooltip>
  );

  const table = (
    <Table
      withRowBorders={false}
      verticalSpacing={4}
      horizontalSpacing={4}
      miw={scroll ? undefined : minWidth}
    >
      <Table.Thead>
        <Table.Tr>
          {movable ? <Table.Th w={28}>#</Table.Th> : null}
          <Table.Th>{text('description')}</Table.Th>
          <Table.Th w={widths.quantity}>{text('quantity')}</Table.Th>
          {afterQuantity ? <Table.Th w={afterQuantity.width}>{afterQuantity.header}</Table.Th> : null}
          <Table.Th w={widths.unitPrice}>{text('unitPrice')}</Table.Th>
          <Table.Th w={widths.discount}>{text('discount')}</Table.Th>
          <Table.Th w={widths.vat}>{text('vat')}</Table.Th>
          <Table.Th w={widths.net} style={{ textAlign: 'right' }}>
            {text('net')}
          </Table.Th>
          <Table.Th w={widths.actions} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {lines.map((line, i) => {
          const net = netOf(line);
          const slot: LineSlotProps<L> = {
            line,
            index: i,
            update: (patch) => update(line.key, patch),
            error: (field) => errors[`lines.${i}.${field}`],
          };
          const below = rowBelow?.cell(slot);
          return (
            <Fragment key={line.key}>
              <Table.Tr data-testid={testIdPrefix} style={{ verticalAlign: 'top' }}>
                {movable ? (
                  <Table.Td>
                    <Text size="sm" pt={6} c="dimmed">
                      {i + 1}
                    </Text>
                  </Table.Td>
                ) : null}
                <Table.Td>
                  {descriptionInput ? (
                    descriptionInput(slot, {
                      label: text('descriptionOf', { n: i + 1 }),
                      testId: `${testIdPrefix}-description`,
                    })
                  ) : (
                    <TextInput
                      aria-label={text('descriptionOf', { n: i + 1 })}
                      value={line.description}
                      onChange={(e) => slot.update({ description: e.currentTarget.value } as Partial<L>)}
                      error={slot.error('description')}
                      data-testid={`${testIdPrefix}-description`}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={text('quantityOf', { n: i + 1 })}
                    value={line.quantity}
                    onChange={(v) => slot.update({ quantity: v } as Partial<L>)}
                    min={0}
                    decimalScale={3}
                    decimalSeparator={decimal}
                    thousandSeparator={thousands}
                    hideControls
                    error={slot.error('quantity')}
                    data-testid={`${testIdPrefix}-quantity`}
                  />
                </Table.Td>
                {afterQuantity ? <Table.Td>{afterQuantity.cell(slot)}</Table.Td> : null}
                <Table.Td>
                  <NumberInput
                    aria-label={text('unitPriceOf', { n: i + 1 })}
                    value={line.unitPrice}
                    onChange={(v) => slot.update({ unitPrice: v } as Partial<L>)}
                    min={0}
                    decimalScale={2}
                    decimalSeparator={decimal}
                    thousandSeparator={thousands}
                    rightSection={<Text size="xs">€</Text>}
                    hideControls
                    error={slot.error('unitPriceCents')}
                    data-testid={`${testIdPrefix}-price`}
                  />
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    aria-label={text('discountOf', { n: i + 1 })}
                    value={line.discountPercent}
                    onChange={(v) => slot.update({ discountPercent: v } as Partial<L>)}
                    min={0}
                    max={100}
                    decimalScale={2}
                    decimalSeparator={decimal}
                    rightSection={<Text size="xs">%</Text>}
                    hideControls
                    error={slot.error('discountPercent')}
                    data-testid={`${testIdPrefix}-discount`}
                  />
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={text('vatOf', { n: i + 1 })}
                    data={vatOptions}
                    value={line.vatRate}
                    onChange={(v) => slot.update(vatPatch(v ?? '19', v))}
                    allowDeselect={false}
                    error={slot.error('vatRate')}
                    data-testid={`${testIdPrefix}-vat`}
                  />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Text
                    size="sm"
                    pt={6}
                    c={net === null ? 'dimmed' : undefined}
                    data-testid={`${testIdPrefix}-net`}
                  >
                    {net === null ? '—' : fmt.money(net, 'EUR')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {movable ? (
                    <Group gap={0} wrap="nowrap" mt={4}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === 0}
                        aria-label={text('moveUp', { n: i + 1 })}
                        onClick={() => move(i, -1)}
                        data-testid={`${testIdPrefix}-up`}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        disabled={i === lines.length - 1}
                        aria-label={text('moveDown', { n: i + 1 })}
                        onClick={() => move(i, 1)}
                        data-testid={`${testIdPrefix}-down`}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      {removeButton(line, i)}
                    </Group>
                  ) : (
                    removeButton(line, i)
                  )}
                </Table.Td>
              </Table.Tr>
              {below ? (
                <Table.Tr data-testid={rowBelow?.testId} style={{ verticalAlign: 'top' }}>
                  <Table.Td />
                  <Table.Td colSpan={columnCount - 1}>{below}</Table.Td>
                </Table.Tr>
              ) : null}
            </Fragment>
          );
        })}
      </Table.Tbody>
    </Table>
  );

  const addButton = (
    <Button
      variant="light"
      size="xs"
      mt={footer ? undefined : 'xs'}
      leftSection={<IconPlus size={14} />}
      onClick={() => onChange([...lines, newLine()])}
      data-testid={`${testIdPrefix}-add`}
    >
      {text('add')}
    </Button>
  );

  return (
    <div data-testid={testId}>
      {scroll ? <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer> : table}
      {errors.lines ? (
        <Text size="xs" c="red" mt={4}>
          {errors.lines}
        </Text>
      ) : null}
      {footer ? (
        <Group justify="space-between" mt="xs">
          {addButton}
          {footer}
        </Group>
      ) : (
        addButton
      )}
    </div>
  );
}

import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LinesTable } from '../../../components/lines-table';
import type { FormErrors } from '../../../lib/form';
import { useFormat } from '../../../lib/use-format';
import { ProductPicker, productLinePatch } from '../../catalog';
import { emptyLine, type LineValues, previewNetCents, previewTotalCents } from './line-values';
import { vatOptions } from './options';

/**
 * The deal's lines: text, quantity, unit price (€), discount (%) and VAT rate, with each line's net
 * amount and the total while typing — computed by the same function the server uses. The text field
 * picks a catalog product (name, price and VAT rate are taken from it; the line keeps the product
 * when they are changed afterwards); typed text without a product is a free-text line.
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
  return (
    <LinesTable<LineValues>
      ns="sales"
      lines={lines}
      onChange={onChange}
      errors={errors}
      newLine={emptyLine}
      netOf={previewNetCents}
      vatOptions={vatOptions(t)}
      testId="deal-lines"
      testIdPrefix="deal-line"
      widths={{ quantity: 90, unitPrice: 130, discount: 90, vat: 100, net: 120, actions: 36 }}
      minWidth={720}
      descriptionInput={({ line, update, error }, field) => (
        <ProductPicker
          value={line.description}
          productId={line.productId ?? null}
          onChange={(description) => update({ description })}
          onPick={(product) => {
            const { unit: _unit, ...patch } = productLinePatch(product);
            update(patch);
          }}
          onUnlink={() => update({ productId: null })}
          label={field.label}
          error={error('description') ?? error('productId')}
          testId={field.testId}
        />
      )}
      footer={
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('lines.total')}
          </Text>
          <Text fw={700} data-testid="deal-lines-total">
            {fmt.money(previewTotalCents(lines), 'EUR')}
          </Text>
        </Group>
      }
    />
  );
}

import { Group, Select, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { VatCategory } from '../../../../../contracts/billing';
import { LinesTable } from '../../../components/lines-table';
import type { FormErrors } from '../../../lib/form';
import { ProductPicker, productLinePatch } from '../../catalog';
import { emptyInvoiceLine, type InvoiceLineValues, NEEDS_REASON, previewLineNet } from './invoice-values';
import { defaultExemptionReason, unitOptions, vatCategoryOptions, vatRateOptions } from './options';

/**
 * The invoice's lines: text, quantity and unit, unit price (€), discount (%), VAT rate — for 0 % the
 * VAT category and the exemption reason — with each line's net while typing; add, remove, move up/down.
 * The text field picks a catalog product (name, unit, price and VAT rate are taken from it; the line
 * keeps the product when they are changed afterwards); typed text without a product is free text.
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
  const units = unitOptions(t);
  return (
    <LinesTable<InvoiceLineValues>
      ns="billing"
      lines={lines}
      onChange={onChange}
      errors={errors}
      newLine={emptyInvoiceLine}
      netOf={previewLineNet}
      vatOptions={vatRateOptions()}
      vatPatch={(vatRate, chosen) => ({
        vatRate,
        ...(chosen === '0' ? {} : { vatCategory: null, exemptionReason: '' }),
      })}
      testId="invoice-lines"
      testIdPrefix="invoice-line"
      widths={{ quantity: 90, unitPrice: 120, discount: 80, vat: 90, net: 110, actions: 96 }}
      minWidth={900}
      scroll
      movable
      descriptionInput={({ line, update, error }, field) => (
        <ProductPicker
          value={line.description}
          productId={line.productId}
          onChange={(description) => update({ description })}
          onPick={(product) => {
            const patch = productLinePatch(product);
            // a 0 % product: the category and reason are chosen on the line (the catalog has none)
            update(
              patch.vatRate === '0' && line.vatRate === '0'
                ? patch
                : { ...patch, vatCategory: null, exemptionReason: '' },
            );
          }}
          onUnlink={() => update({ productId: null })}
          label={field.label}
          error={error('description') ?? error('productId')}
          testId={field.testId}
        />
      )}
      afterQuantity={{
        header: t('lines.unit'),
        width: 120,
        cell: ({ line, index, update, error }) => (
          <Select
            aria-label={t('lines.unitOf', { n: index + 1 })}
            // a product's unit outside the usual list (e.g. LTR) is offered as its code
            data={
              units.some((u) => u.value === line.unit)
                ? units
                : [...units, { value: line.unit, label: line.unit }]
            }
            value={line.unit}
            onChange={(v) => update({ unit: v ?? 'C62' })}
            allowDeselect={false}
            error={error('unit')}
            data-testid="invoice-line-unit"
          />
        ),
      }}
      rowBelow={{
        testId: 'invoice-line-exemption',
        cell: ({ line, index, update, error }) =>
          line.vatRate === '0' ? (
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Select
                aria-label={t('lines.vatCategoryOf', { n: index + 1 })}
                placeholder={t('lines.vatCategory')}
                data={vatCategoryOptions(t)}
                value={line.vatCategory}
                onChange={(v) => {
                  const category = (v as VatCategory | null) ?? null;
                  update({
                    vatCategory: category,
                    exemptionReason:
                      line.exemptionReason || !category
                        ? line.exemptionReason
                        : defaultExemptionReason(t, category),
                  });
                }}
                error={error('vatCategory')}
                w={320}
                data-testid="invoice-line-vat-category"
              />
              <TextInput
                aria-label={t('lines.exemptionReasonOf', { n: index + 1 })}
                placeholder={t('lines.exemptionReason')}
                value={line.exemptionReason}
                onChange={(e) => update({ exemptionReason: e.currentTarget.value })}
                error={
                  error('exemptionReason') ??
                  (line.vatCategory && NEEDS_REASON.includes(line.vatCategory) && !line.exemptionReason.trim()
                    ? t('lines.reasonNeeded')
                    : undefined)
                }
                style={{ flex: 1 }}
                data-testid="invoice-line-exemption-reason"
              />
            </Group>
          ) : null,
      }}
    />
  );
}

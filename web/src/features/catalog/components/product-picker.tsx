import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ProductLookupItem } from '../../../../../contracts/catalog';
import { ProductPicker as LineProductPicker } from '../../../components/record-pickers';
import { useFormat } from '../../../lib/use-format';
import { productOptionLabel } from './product-line-values';

/**
 * A deal or invoice line's text field that also picks a product from the catalog, offered as
 * "SKU · name · price"; choosing one calls `onPick` (the editor fills text, unit, price and VAT rate
 * from it, see productLinePatch). What is typed without choosing stays a free-text line; the package
 * icon of a product line makes it free text again (the values stay).
 */
export function ProductPicker(props: {
  value: string;
  productId: string | null;
  onChange: (description: string) => void;
  onPick: (product: ProductLookupItem) => void;
  onUnlink: () => void;
  label: string;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation('catalog');
  const fmt = useFormat();
  const price = (p: ProductLookupItem) => fmt.money(p.unitPriceCents, 'EUR');
  return (
    <LineProductPicker
      {...props}
      texts={{
        placeholder: t('picker.placeholder'),
        linked: t('picker.linked'),
        unlink: t('picker.unlink'),
        hint: t('picker.hint'),
      }}
      optionsTestId="product-picker-options"
      optionTestId={(p) => `product-option-${p.sku}`}
      optionLabel={(p) => productOptionLabel(p, price(p))}
      optionDetail={(p) => (
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {price(p)}
          <Text span size="xs" c="dimmed">
            {' · '}
            {t('picker.vat', { rate: p.vatRate })}
          </Text>
        </Text>
      )}
    />
  );
}

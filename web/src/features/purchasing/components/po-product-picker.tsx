import { useTranslation } from 'react-i18next';
import type { ProductLookupItem } from '../../../../../contracts/catalog';
import { ProductPicker } from '../../../components/record-pickers';

/**
 * An order line's product, offered as "SKU · name": an order line needs a product, so what is typed
 * without choosing one stays an error until a product is chosen.
 */
export function PoProductPicker(props: {
  /** The line's text (the product's name once chosen). */
  value: string;
  productId: string | null;
  onChange: (description: string) => void;
  onPick: (product: ProductLookupItem) => void;
  label: string;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation('purchasing');
  return (
    <ProductPicker
      {...props}
      texts={{ placeholder: t('editor.productPlaceholder'), linked: t('editor.productLinked') }}
      optionsTestId="po-product-options"
      optionTestId={(p) => `po-product-option-${p.sku}`}
      optionLabel={(p) => `${p.sku} · ${p.name}`}
    />
  );
}

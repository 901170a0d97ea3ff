import type { ProductLookupItem } from '../../../../../contracts/catalog';

/**
 * What a deal or invoice line takes from a product picked for it: the product's id, its name as the
 * line's text, its unit, its net sales price (in euros, as the line editors hold prices) and its VAT
 * rate. Quantity and discount stay as the person entered them; everything can be changed afterwards
 * and the line keeps the product.
 */
export interface ProductLinePatch {
  productId: string;
  description: string;
  unit: string;
  unitPrice: number;
  vatRate: string;
}

export function productLinePatch(product: ProductLookupItem): ProductLinePatch {
  return {
    productId: product.id,
    description: product.name,
    unit: product.unit,
    unitPrice: product.unitPriceCents / 100,
    vatRate: String(product.vatRate),
  };
}

/** The option text in the picker: "SKU · name · price" (the price formatted by the caller). */
export function productOptionLabel(product: ProductLookupItem, price: string): string {
  return `${product.sku} · ${product.name} · ${price}`;
}

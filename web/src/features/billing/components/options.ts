import type { TFunction } from 'i18next';
import type { InvoiceStatus } from '../../../../../contracts/billing';
import { UNITS, VAT_RATES, ZERO_VAT_CATEGORIES } from './invoice-values';

export const INVOICE_STATUSES: InvoiceStatus[] = ['draft', 'issued', 'paid', 'cancelled'];
export const PAYMENT_METHODS = ['bank_transfer', 'cash', 'card', 'direct_debit', 'other'] as const;

export const unitOptions = (t: TFunction) => UNITS.map((u) => ({ value: u, label: t(`billing:units.${u}`) }));
export const vatRateOptions = () => VAT_RATES.map((r) => ({ value: r, label: `${r} %` }));
export const vatCategoryOptions = (t: TFunction) =>
  ZERO_VAT_CATEGORIES.map((c) => ({ value: c, label: t(`billing:vatCategories.${c}`) }));
export const statusOptions = (t: TFunction) =>
  INVOICE_STATUSES.map((s) => ({ value: s, label: t(`billing:status.${s}`) }));
export const paymentMethodOptions = (t: TFunction) =>
  PAYMENT_METHODS.map((m) => ({ value: m, label: t(`billing:paymentMethods.${m}`) }));

/** The usual wording of the exemption reason per 0 % category (the user may change it). */
export function defaultExemptionReason(t: TFunction, category: string): string {
  switch (category) {
    case 'AE':
      return t('billing:exemptionDefaults.AE');
    case 'K':
      return t('billing:exemptionDefaults.K');
    case 'G':
      return t('billing:exemptionDefaults.G');
    case 'E':
      return t('billing:exemptionDefaults.E');
    default:
      return '';
  }
}

import { validateIBAN } from 'ibantools';
import type { BillingSettings, UpdateBillingSettings } from '../../../../contracts/billing';
import { normalizeVatId, vatIdError } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { Db, Tx } from '../../platform/db/database';
import { AppError, type FieldError, staleVersion } from '../../platform/http/errors';
import { bankDetailsErrors } from '../companies';
import type { BillingSettingsTable } from './billing.tables';
import { getBillingSettings, updateBillingSettingsRow } from './settings.repository';

export interface BillingDeps {
  db: Db;
  clock: Clock;
  dialect: 'sqlite' | 'postgres';
  config: { timezone: string };
}

const compact = (v: string) => v.replace(/\s+/g, '').toUpperCase();

/**
 * What an invoice needs of the seller before it can be issued (§14 UStG): name, address, a valid
 * IBAN, and a tax number or VAT ID. Returns field errors naming what is missing; empty when complete.
 */
export function missingSellerData(s: BillingSettings): FieldError[] {
  const missing: FieldError[] = [];
  if (!s.sellerName.trim()) missing.push({ path: 'sellerName', message: 'The company name is missing' });
  if (!s.street.trim()) missing.push({ path: 'street', message: 'The street is missing' });
  if (!s.postalCode.trim()) missing.push({ path: 'postalCode', message: 'The postal code is missing' });
  if (!s.city.trim()) missing.push({ path: 'city', message: 'The city is missing' });
  if (!s.iban.trim()) missing.push({ path: 'iban', message: 'The IBAN is missing' });
  else if (!validateIBAN(compact(s.iban)).valid)
    missing.push({ path: 'iban', message: 'The IBAN is not valid' });
  if (!s.vatId?.trim() && !s.taxNumber?.trim()) {
    missing.push({ path: 'taxNumber', message: 'A tax number or VAT ID is missing' });
  }
  return missing;
}

export function getSettings(deps: BillingDeps): Promise<BillingSettings> {
  return getBillingSettings(deps.db);
}

export function updateSettings(
  deps: BillingDeps,
  actor: Actor,
  input: UpdateBillingSettings,
): Promise<BillingSettings> {
  return deps.db.transaction().execute((trx) => updateSettingsIn(trx, deps.clock, actor, input));
}

/**
 * `updateSettings` in the caller's transaction: the built-in rules' parameters (grace days, the
 * collections team, deal won → invoice) are written through it, so they are checked, versioned and
 * audited like an edit on the settings page.
 */
export async function updateSettingsIn(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  input: UpdateBillingSettings,
): Promise<BillingSettings> {
  const errors: FieldError[] = [];
  const patch: Partial<BillingSettingsTable> = {};
  const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() ? v.trim() : null);

  if (input.sellerName !== undefined) patch.seller_name = input.sellerName;
  if (input.street !== undefined) patch.street = input.street;
  if (input.postalCode !== undefined) patch.postal_code = input.postalCode;
  if (input.city !== undefined) patch.city = input.city;
  if (input.country !== undefined) patch.country = input.country;
  if (input.taxNumber !== undefined) patch.tax_number = text(input.taxNumber) ?? null;
  if (input.bankName !== undefined) patch.bank_name = text(input.bankName) ?? null;
  if (input.email !== undefined) patch.email = input.email ?? null;
  if (input.phone !== undefined) patch.phone = text(input.phone) ?? null;
  if (input.vatId !== undefined) {
    const vat = input.vatId ? normalizeVatId(input.vatId) : '';
    const message = vat ? vatIdError(vat) : null;
    if (message) errors.push({ path: 'vatId', message });
    patch.vat_id = vat || null;
  }
  const iban = input.iban !== undefined ? compact(input.iban) : undefined;
  const bic = input.bic !== undefined ? (input.bic ? compact(input.bic) : null) : undefined;
  errors.push(...bankDetailsErrors(iban, bic));
  if (iban !== undefined) patch.iban = iban;
  if (bic !== undefined) patch.bic = bic;
  if (input.invoiceNumberFormat !== undefined) patch.invoice_number_format = input.invoiceNumberFormat;
  if (input.creditNoteNumberFormat !== undefined)
    patch.credit_note_number_format = input.creditNoteNumberFormat;
  if (input.defaultPaymentDays !== undefined) patch.default_payment_days = input.defaultPaymentDays;
  if (input.graceDays !== undefined) patch.grace_days = input.graceDays;
  if (input.autoInvoiceOnWon !== undefined) patch.auto_invoice_on_won = input.autoInvoiceOnWon ? 1 : 0;
  if (input.collectionsTeamId !== undefined) patch.collections_team_id = input.collectionsTeamId ?? null;

  if (errors.length) {
    throw new AppError(
      'unprocessable',
      'billing.invalid_settings',
      errors.map((e) => e.message).join('; '),
      errors,
    );
  }
  const before = await getBillingSettings(trx);
  if (before.version !== input.version) throw staleVersion('billing settings', '1');
  if (
    !(await updateBillingSettingsRow(trx, input.version, { ...patch, updated_at: clock.now().toISOString() }))
  ) {
    throw staleVersion('billing settings', '1');
  }
  const after = await getBillingSettings(trx);
  await recordAudit(trx, clock, actor, {
    entityType: 'billing_settings',
    entityId: '1',
    before: { ...before },
    after: { ...after },
    label: 'Billing settings',
  });
  return after;
}

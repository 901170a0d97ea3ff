import { type RecordTypeDef, type RecordValues, registerRecordType } from '../automation';
import { getCompanyMailAddresses } from '../companies';
import {
  findInvoiceIdsByDate,
  findInvoicesByIds,
  findRecentInvoiceIds,
  INVOICE_DATE_FIELDS,
  type InvoiceDateField,
} from './automation.repository';
import type { InvoiceRow } from './invoices.repository';

/** German-speaking buyers get German mail; everyone else English. */
const GERMAN_COUNTRIES = new Set(['DE', 'AT', 'CH', 'LI']);

/** An invoice as rules see it: camelCase, money in cents (numbers on both dialects). */
export function invoiceValues(r: InvoiceRow): RecordValues {
  const open = Number(r.open_cents);
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    status: r.status,
    companyId: r.company_id,
    contactId: r.contact_id,
    dealId: r.deal_id,
    ownerId: r.owner_id,
    teamId: r.team_id,
    buyerName: r.buyer_name,
    buyerEmail: r.buyer_email,
    buyerCountry: r.buyer_country,
    currency: r.currency,
    netCents: Number(r.net_cents),
    vatCents: Number(r.vat_cents),
    grossCents: Number(r.gross_cents),
    paidCents: Number(r.paid_cents),
    openCents: open,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    serviceDate: r.service_date,
    paidAt: r.paid_at,
    overdue: r.status === 'issued' && open > 0 && r.overdue_at !== null,
    overdueSince: r.overdue_since,
    dunningLevel: r.dunning_level,
    dunningBlocked: Number(r.dunning_blocked) === 1,
    createdAt: r.created_at,
  };
}

/** "RE-2026-00012"; a draft has no number yet: "Entwurf (Müller GmbH)". */
export function invoiceLabel(v: RecordValues): string {
  return typeof v.number === 'string' && v.number ? v.number : `Entwurf (${String(v.buyerName ?? '')})`;
}

/**
 * Record type `invoice`: invoices and credit notes, their customer, deal, owner and team. No field
 * is updatable by rules: an issued invoice is a legal document, changed only through its own steps.
 */
export const invoiceRecordType: RecordTypeDef = {
  type: 'invoice',
  fields: [
    { name: 'number', type: 'string' },
    { name: 'kind', type: 'enum', options: ['invoice', 'credit_note'] },
    { name: 'status', type: 'enum', options: ['draft', 'issued', 'paid', 'cancelled'] },
    { name: 'companyId', type: 'company' },
    { name: 'dealId', type: 'string' },
    { name: 'ownerId', type: 'user' },
    { name: 'teamId', type: 'team' },
    { name: 'buyerName', type: 'string' },
    { name: 'buyerEmail', type: 'string' },
    { name: 'buyerCountry', type: 'string' },
    { name: 'currency', type: 'string' },
    { name: 'netCents', type: 'money' },
    { name: 'vatCents', type: 'money' },
    { name: 'grossCents', type: 'money' },
    { name: 'paidCents', type: 'money' },
    { name: 'openCents', type: 'money' },
    { name: 'issueDate', type: 'date' },
    { name: 'dueDate', type: 'date' },
    { name: 'serviceDate', type: 'string' },
    { name: 'paidAt', type: 'string' },
    { name: 'overdue', type: 'boolean' },
    { name: 'overdueSince', type: 'date' },
    { name: 'dunningLevel', type: 'number' },
    { name: 'dunningBlocked', type: 'boolean' },
  ],
  related: [
    { name: 'company', type: 'company', via: 'companyId' },
    { name: 'deal', type: 'deal', via: 'dealId' },
    { name: 'owner', type: 'user', via: 'ownerId' },
    { name: 'team', type: 'team', via: 'teamId' },
  ],
  ownerField: 'ownerId',
  teamField: 'teamId',
  async load(db, ids) {
    const rows = await findInvoicesByIds(db, ids);
    return new Map(rows.map((r) => [r.id, invoiceValues(r)]));
  },
  label: invoiceLabel,
  /** The invoice's billing address, else the first mailable contact of its company. */
  async contact(db, v) {
    const name = String(v.buyerName ?? '');
    const locale = GERMAN_COUNTRIES.has(String(v.buyerCountry ?? 'DE')) ? 'de' : 'en';
    if (typeof v.buyerEmail === 'string' && v.buyerEmail) return { email: v.buyerEmail, name, locale };
    if (typeof v.companyId !== 'string') return null;
    const email = (await getCompanyMailAddresses(db, [v.companyId])).get(v.companyId);
    return email ? { email, name, locale } : null;
  },
  findByDate(db, field, date, after, limit) {
    if (!(INVOICE_DATE_FIELDS as readonly string[]).includes(field)) return Promise.resolve([]);
    return findInvoiceIdsByDate(db, field as InvoiceDateField, date, after, limit);
  },
  recent: findRecentInvoiceIds,
};

export function registerInvoiceRecordType(): void {
  registerRecordType(invoiceRecordType);
}

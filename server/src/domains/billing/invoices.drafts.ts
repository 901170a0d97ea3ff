import { CreateInvoice, type Invoice, type UpdateInvoice } from '../../../../contracts/billing';
import { type InvoiceTotals, invoiceTotals } from '../../../../contracts/invoice-amounts';
import { type Actor, scopeOf } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { AppError, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { assertLineProductsExist } from '../catalog';
import { canSeeCompany, getContactSummary, loadCompany } from '../companies';
import { listTeamIdsOfUser } from '../identity';
import { getDealDetail } from '../sales';
import { invoiceAuditSnapshot } from './invoices.mappers';
import {
  deleteDraftRow,
  findLinesOfInvoice,
  type InvoiceLineRow,
  type InvoiceRow,
  insertInvoice,
  insertInvoiceLines,
  replaceInvoiceLines,
  updateInvoiceRow,
} from './invoices.repository';
import { invoiceOf, issuedImmutable, loadInvoiceRow, today, unprocessable } from './invoices.service';
import { getBillingSettings } from './settings.repository';
import type { BillingDeps } from './settings.service';

/** Invoices stay below 100 billion € (exact as JavaScript numbers). */
const MAX_AMOUNT_CENTS = 10_000_000_000_000;

// ─── lines and checks ─────────────────────────────────────────────────────────────────────────────

function computeTotals(lines: CreateInvoice['lines']): InvoiceTotals {
  const totals = invoiceTotals(lines);
  if (totals.grossCents > MAX_AMOUNT_CENTS) {
    throw unprocessable(
      'billing.amount_too_large',
      'The invoice adds up to more than 100 billion €',
      'lines',
    );
  }
  for (const [i, l] of totals.lines.entries()) {
    if (['E', 'AE', 'K', 'G', 'O'].includes(l.vatCategory) && !l.exemptionReason) {
      throw unprocessable(
        'billing.exemption_reason_required',
        `Line ${i + 1}: VAT category ${l.vatCategory} needs an exemption reason (e.g. "Steuerschuldnerschaft des Leistungsempfängers")`,
        `lines.${i}.exemptionReason`,
        'Give the exemption reason',
      );
    }
    if (l.vatCategory === 'S' && l.vatRate === 0) {
      throw unprocessable(
        'billing.standard_rate_zero',
        `Line ${i + 1}: standard rated (S) lines have 19 % or 7 %`,
        `lines.${i}.vatCategory`,
      );
    }
    if (l.vatCategory !== 'S' && l.vatRate !== 0) {
      throw unprocessable(
        'billing.category_needs_zero_rate',
        `Line ${i + 1}: VAT category ${l.vatCategory} is for 0 % lines`,
        `lines.${i}.vatRate`,
      );
    }
  }
  return totals;
}

function lineRows(invoiceId: string, totals: InvoiceTotals): InvoiceLineRow[] {
  return totals.lines.map((l) => ({
    id: uuidv7(),
    invoice_id: invoiceId,
    position: l.position,
    product_id: l.productId,
    description: l.description.trim(),
    quantity_milli: l.quantityMilli,
    unit: l.unit,
    unit_price_cents: l.unitPriceCents,
    discount_bp: l.discountBp,
    vat_rate: l.vatRate,
    vat_category: l.vatCategory,
    exemption_reason: l.exemptionReason,
    net_cents: l.netCents,
  }));
}

async function checkContact(db: DbOrTx, contactId: string, companyId: string): Promise<string | null> {
  const contact = await getContactSummary(db, contactId);
  if (!contact) {
    throw unprocessable(
      'billing.unknown_contact',
      `Contact ${contactId} does not exist`,
      'contactId',
      'No such contact',
    );
  }
  if (contact.companyId !== companyId) {
    throw unprocessable(
      'billing.contact_not_of_company',
      'The contact works for another company than the invoice’s customer',
      'contactId',
      'Choose a contact of the customer',
    );
  }
  return contact.primaryEmail;
}

/** Whether the actor may see a record owned by `ownerId` / assigned to `teamId` (visibleTo in code). */
export async function canSeeOwned(db: DbOrTx, actor: Actor, ownerId: string | null, teamId: string | null) {
  const scope = scopeOf(actor);
  if (scope === 'all') return true;
  if (!actor.userId) return false;
  if (ownerId === actor.userId) return true;
  if (scope === 'own') return false;
  if (teamId && actor.teamIds.includes(teamId)) return true;
  if (!ownerId) return false;
  const ownerTeams = await listTeamIdsOfUser(db, ownerId);
  return ownerTeams.some((t) => actor.teamIds.includes(t));
}

// ─── creating ─────────────────────────────────────────────────────────────────────────────────────

export interface DraftSource {
  sourceKey?: string | null;
  /** Owner and team of the deal the invoice is made from. */
  ownerId?: string | null;
  teamId?: string | null;
}

/** Inserts a draft in the caller's transaction; the buyer is copied from the company. */
export async function insertDraft(
  trx: Tx,
  deps: BillingDeps,
  actor: Actor,
  raw: CreateInvoice,
  source: DraftSource = {},
): Promise<InvoiceRow> {
  const input = CreateInvoice.parse(raw);
  const company = await loadCompany(trx, input.companyId).catch(() => null);
  if (!company || (actor.userId && !(await canSeeCompany(trx, actor, input.companyId)))) {
    throw unprocessable(
      'billing.unknown_company',
      `Company ${input.companyId} does not exist`,
      'companyId',
      'No such company',
    );
  }
  if (company.mergedIntoId) {
    throw unprocessable(
      'billing.company_merged',
      `${company.name} was merged into another company; invoice that one`,
      'companyId',
      `Merged into ${company.mergedIntoId}`,
    );
  }
  const contactEmail = input.contactId ? await checkContact(trx, input.contactId, company.id) : null;
  let ownerId = source.ownerId ?? company.ownerId ?? actor.userId;
  let teamId = source.ownerId !== undefined ? (source.teamId ?? null) : company.teamId;
  if (input.dealId && source.ownerId === undefined) {
    const deal = await getDealDetail(trx, input.dealId);
    if (!deal || !(await canSeeOwned(trx, actor, deal.ownerId, deal.teamId))) {
      throw unprocessable(
        'billing.unknown_deal',
        `Deal ${input.dealId} does not exist`,
        'dealId',
        'No such deal',
      );
    }
    if (deal.companyId !== company.id) {
      throw unprocessable(
        'billing.deal_not_of_company',
        'The deal belongs to another company than the invoice’s customer',
        'dealId',
        'Choose a deal of the customer',
      );
    }
    ownerId = deal.ownerId;
    teamId = deal.teamId;
  }
  const settings = await getBillingSettings(trx);
  await assertLineProductsExist(trx, input.lines, 'billing.unknown_product');
  const totals = computeTotals(input.lines);
  const now = deps.clock.now().toISOString();
  const id = uuidv7();
  const row: InvoiceRow = {
    id,
    kind: 'invoice',
    status: 'draft',
    number: null,
    company_id: company.id,
    contact_id: input.contactId ?? null,
    deal_id: input.dealId ?? null,
    source_key: source.sourceKey ?? null,
    buyer_name: input.buyer?.name ?? company.legalName ?? company.name,
    buyer_street: input.buyer ? (input.buyer.street ?? null) : company.street,
    buyer_postal_code: input.buyer ? (input.buyer.postalCode ?? null) : company.postalCode,
    buyer_city: input.buyer ? (input.buyer.city ?? null) : company.city,
    buyer_country: input.buyer?.country ?? company.country,
    buyer_vat_id: input.buyerVatId !== undefined ? (input.buyerVatId ?? null) : company.vatId,
    buyer_reference: input.buyerReference ?? null,
    buyer_email: input.buyerEmail ?? contactEmail,
    buyer_is_consumer: input.buyerIsConsumer ? 1 : 0,
    issue_date: null,
    due_date: null,
    service_date: input.serviceDate ?? null,
    service_period_start: input.servicePeriodStart ?? null,
    service_period_end: input.servicePeriodEnd ?? null,
    payment_days: input.paymentDays ?? company.paymentTermsDays ?? settings.defaultPaymentDays,
    cash_discount_bp: input.cashDiscountPercent != null ? Math.round(input.cashDiscountPercent * 100) : null,
    cash_discount_days: input.cashDiscountDays ?? null,
    currency: 'EUR',
    net_cents: totals.netCents,
    vat_cents: totals.vatCents,
    gross_cents: totals.grossCents,
    paid_cents: 0,
    open_cents: 0,
    intro_text: input.introText ?? null,
    notes: input.notes ?? null,
    corrects_invoice_id: null,
    corrected_by_invoice_id: null,
    cancel_reason: null,
    owner_id: ownerId,
    team_id: teamId,
    issued_at: null,
    issued_by: null,
    paid_at: null,
    overdue_at: null,
    overdue_since: null,
    dunning_level: 0,
    last_dunned_on: null,
    dunning_blocked: 0,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  checkDates(row);
  const lines = lineRows(id, totals);
  await insertInvoice(trx, row);
  await insertInvoiceLines(trx, lines);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'invoice',
    entityId: id,
    before: null,
    after: invoiceAuditSnapshot(row, lines),
    label: `Draft invoice for ${row.buyer_name}`,
  });
  return row;
}

function checkDates(row: InvoiceRow) {
  if ((row.service_period_start === null) !== (row.service_period_end === null)) {
    throw unprocessable(
      'billing.service_period_incomplete',
      'A service period needs both its start and its end',
      row.service_period_start ? 'servicePeriodEnd' : 'servicePeriodStart',
    );
  }
  if (
    row.service_period_start &&
    row.service_period_end &&
    row.service_period_end < row.service_period_start
  ) {
    throw unprocessable(
      'billing.service_period_reversed',
      'The service period ends before it starts',
      'servicePeriodEnd',
    );
  }
  if ((row.cash_discount_bp === null) !== (row.cash_discount_days === null)) {
    throw unprocessable(
      'billing.cash_discount_incomplete',
      'A cash discount needs both its percentage and its days (e.g. 2 % within 10 days)',
      row.cash_discount_bp === null ? 'cashDiscountPercent' : 'cashDiscountDays',
    );
  }
}

/** A draft invoice made by hand. */
export async function createInvoice(deps: BillingDeps, actor: Actor, input: CreateInvoice): Promise<Invoice> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await insertDraft(trx, deps, actor, input);
    return invoiceOf(trx, row, today(deps));
  });
}

// ─── changing drafts ──────────────────────────────────────────────────────────────────────────────

export async function updateInvoice(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  input: UpdateInvoice,
): Promise<Invoice> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadInvoiceRow(trx, id, actor);
    if (before.status !== 'draft') throw issuedImmutable();
    if (before.version !== input.version) throw staleVersion('invoice', id);
    const beforeLines = await findLinesOfInvoice(trx, id);
    const after: InvoiceRow = { ...before, updated_at: deps.clock.now().toISOString() };
    if (input.contactId !== undefined) {
      after.contact_id = input.contactId ?? null;
      if (input.contactId) await checkContact(trx, input.contactId, before.company_id);
    }
    if (input.buyer) {
      after.buyer_name = input.buyer.name;
      after.buyer_street = input.buyer.street ?? null;
      after.buyer_postal_code = input.buyer.postalCode ?? null;
      after.buyer_city = input.buyer.city ?? null;
      after.buyer_country = input.buyer.country;
    }
    const set = <K extends keyof InvoiceRow>(key: K, v: InvoiceRow[K] | undefined) => {
      if (v !== undefined) after[key] = v;
    };
    set('buyer_vat_id', input.buyerVatId === undefined ? undefined : (input.buyerVatId ?? null));
    set('buyer_reference', input.buyerReference === undefined ? undefined : (input.buyerReference ?? null));
    set('buyer_email', input.buyerEmail === undefined ? undefined : (input.buyerEmail ?? null));
    set('buyer_is_consumer', input.buyerIsConsumer === undefined ? undefined : input.buyerIsConsumer ? 1 : 0);
    set('service_date', input.serviceDate === undefined ? undefined : (input.serviceDate ?? null));
    set(
      'service_period_start',
      input.servicePeriodStart === undefined ? undefined : (input.servicePeriodStart ?? null),
    );
    set(
      'service_period_end',
      input.servicePeriodEnd === undefined ? undefined : (input.servicePeriodEnd ?? null),
    );
    set('payment_days', input.paymentDays);
    set(
      'cash_discount_bp',
      input.cashDiscountPercent === undefined
        ? undefined
        : input.cashDiscountPercent === null
          ? null
          : Math.round(input.cashDiscountPercent * 100),
    );
    set(
      'cash_discount_days',
      input.cashDiscountDays === undefined ? undefined : (input.cashDiscountDays ?? null),
    );
    set('intro_text', input.introText === undefined ? undefined : (input.introText ?? null));
    set('notes', input.notes === undefined ? undefined : (input.notes ?? null));
    checkDates(after);
    let lines = beforeLines;
    if (input.lines) {
      await assertLineProductsExist(trx, input.lines, 'billing.unknown_product');
      const totals = computeTotals(input.lines);
      lines = lineRows(id, totals);
      after.net_cents = totals.netCents;
      after.vat_cents = totals.vatCents;
      after.gross_cents = totals.grossCents;
    }
    const { id: _id, version: _v, ...patch } = after;
    if (!(await updateInvoiceRow(trx, id, before.version, patch))) throw staleVersion('invoice', id);
    if (input.lines) await replaceInvoiceLines(trx, id, lines);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: id,
      before: invoiceAuditSnapshot(before, input.lines ? beforeLines : undefined),
      after: invoiceAuditSnapshot(after, input.lines ? lines : undefined),
    });
    return invoiceOf(trx, { ...after, version: before.version + 1 }, today(deps));
  });
}

export async function deleteInvoice(deps: BillingDeps, actor: Actor, id: string, version?: number) {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadInvoiceRow(trx, id, actor);
    if (before.status !== 'draft') {
      throw new AppError(
        'conflict',
        'billing.invoice_immutable',
        'Issued invoices cannot be deleted; cancel with a credit note',
      );
    }
    if (version !== undefined && version !== before.version) throw staleVersion('invoice', id);
    const lines = await findLinesOfInvoice(trx, id);
    if (!(await deleteDraftRow(trx, id, before.version))) throw staleVersion('invoice', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: id,
      before: invoiceAuditSnapshot(before, lines),
      after: null,
    });
  });
}

import type { TimelineEntry } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { beforePosition, entryId, type TimelinePosition, type TimelineSource } from '../companies';
import { getUserSummaries } from '../identity';
import { invoicesVisibleTo } from './invoices.repository';

function companyInvoices(db: DbOrTx, actor: Actor, companyId: string) {
  return db
    .selectFrom('invoices')
    .select([
      'invoices.id',
      'invoices.kind',
      'invoices.status',
      'invoices.number',
      'invoices.gross_cents',
      'invoices.open_cents',
      'invoices.due_date',
      'invoices.issued_at',
      'invoices.issued_by',
      'invoices.paid_at',
      'invoices.corrects_invoice_id',
      'invoices.deal_id',
    ])
    .where('invoices.company_id', '=', companyId)
    .where(invoicesVisibleTo(actor));
}

function issuedPage(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return companyInvoices(db, actor, companyId)
    .where('invoices.issued_at', 'is not', null)
    .where(beforePosition('invoice', 'invoices.issued_at', 'invoices.id', before))
    .orderBy('invoices.issued_at', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit)
    .execute();
}

function paidPage(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return companyInvoices(db, actor, companyId)
    .where('invoices.paid_at', 'is not', null)
    .where(beforePosition('invoice_paid', 'invoices.paid_at', 'invoices.id', before))
    .orderBy('invoices.paid_at', 'desc')
    .orderBy('invoices.id', 'desc')
    .limit(limit)
    .execute();
}

/** Dunning notices of the company's invoices (the viewer may see), newest first. */
function dunnedPage(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return db
    .selectFrom('dunning_notices')
    .innerJoin('invoices', 'invoices.id', 'dunning_notices.invoice_id')
    .select([
      'dunning_notices.id',
      'dunning_notices.invoice_id',
      'dunning_notices.level',
      'dunning_notices.level_name',
      'dunning_notices.notice_date',
      'dunning_notices.payment_deadline',
      'dunning_notices.total_cents',
      'dunning_notices.created_at',
      'invoices.number',
    ])
    .where('invoices.company_id', '=', companyId)
    .where(invoicesVisibleTo(actor))
    .where(beforePosition('invoice_dunned', 'dunning_notices.created_at', 'dunning_notices.id', before))
    .orderBy('dunning_notices.created_at', 'desc')
    .orderBy('dunning_notices.id', 'desc')
    .limit(limit)
    .execute();
}

const euros = (cents: number) =>
  `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100)} €`;

/**
 * The company timeline's billing entries: `invoice` when an invoice or credit note was issued (a
 * credit note is the cancellation of the invoice it corrects), `invoice_paid` when an invoice was
 * paid in full, `invoice_dunned` when the due sweep wrote a dunning notice (its level and total).
 * Drafts do not appear. Only invoices the viewer may see.
 */
export const invoiceTimelineSource: TimelineSource = {
  name: 'billing.invoices',
  kinds: ['invoice', 'invoice_paid', 'invoice_dunned'],
  async load({ db, actor, companyId, before, limit }) {
    const [issued, paid, dunned] = await Promise.all([
      issuedPage(db, actor, companyId, before, limit),
      paidPage(db, actor, companyId, before, limit),
      dunnedPage(db, actor, companyId, before, limit),
    ]);
    const corrected = issued.flatMap((r) => (r.corrects_invoice_id ? [r.corrects_invoice_id] : []));
    const numbers = new Map(
      corrected.length
        ? (
            await db.selectFrom('invoices').select(['id', 'number']).where('id', 'in', corrected).execute()
          ).map((r) => [r.id, r.number])
        : [],
    );
    const users = await getUserSummaries(
      db,
      issued.flatMap((r) => (r.issued_by ? [r.issued_by] : [])),
    );
    const data = (r: (typeof issued)[number]) => ({
      invoiceId: r.id,
      kind: r.kind,
      status: r.status,
      number: r.number,
      grossCents: Number(r.gross_cents),
      openCents: Number(r.open_cents),
      dueDate: r.due_date,
      dealId: r.deal_id,
      correctsInvoiceId: r.corrects_invoice_id,
    });
    const entries: TimelineEntry[] = [
      ...issued.map((r) => ({
        kind: 'invoice',
        id: entryId('invoice', r.id),
        at: r.issued_at!,
        actorId: r.issued_by,
        actorName: r.issued_by ? (users.get(r.issued_by)?.name ?? null) : null,
        summary:
          r.kind === 'credit_note'
            ? `Credit note ${r.number} cancels invoice ${numbers.get(r.corrects_invoice_id!) ?? ''} (${euros(Number(r.gross_cents))})`
            : `Invoice ${r.number} issued: ${euros(Number(r.gross_cents))}, due ${r.due_date}`,
        ref: { type: 'invoice', id: r.id },
        data: data(r),
      })),
      ...paid.map((r) => ({
        kind: 'invoice_paid',
        id: entryId('invoice_paid', r.id),
        at: r.paid_at!,
        actorId: null,
        actorName: null,
        summary: `Invoice ${r.number} paid: ${euros(Number(r.gross_cents))}`,
        ref: { type: 'invoice', id: r.id },
        data: data(r),
      })),
      ...dunned.map((n) => ({
        kind: 'invoice_dunned',
        id: entryId('invoice_dunned', n.id),
        at: n.created_at,
        actorId: null,
        actorName: null,
        summary: `${n.level_name} for invoice ${n.number}: ${euros(Number(n.total_cents))} due by ${n.payment_deadline}`,
        ref: { type: 'invoice', id: n.invoice_id },
        data: {
          invoiceId: n.invoice_id,
          noticeId: n.id,
          number: n.number,
          level: n.level,
          levelName: n.level_name,
          noticeDate: n.notice_date,
          paymentDeadline: n.payment_deadline,
          totalCents: Number(n.total_cents),
        },
      })),
    ];
    return entries;
  },
};

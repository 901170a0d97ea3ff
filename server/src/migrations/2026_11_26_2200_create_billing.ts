import { type Kysely, sql } from 'kysely';

/**
 * Billing: the seller settings (one row), gapless number series per kind and year, invoices and
 * credit notes with their lines, payments and how they are allocated to invoices (one payment may
 * settle several invoices, an invoice may be paid in parts).
 *
 * Invoices refer to companies, contacts, deals, users and teams by id without foreign keys: those
 * rows belong to other domains. The buyer's name and address are copied onto the invoice when it
 * is created, so an issued invoice never changes when the company is edited (GoBD).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('billing_settings')
    /** Always 1: one row per installation. */
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seller_name', 'text', (c) => c.notNull())
    .addColumn('street', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text', (c) => c.notNull())
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('vat_id', 'text')
    .addColumn('tax_number', 'text')
    .addColumn('iban', 'text', (c) => c.notNull())
    .addColumn('bic', 'text')
    .addColumn('bank_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('invoice_number_format', 'text', (c) => c.notNull())
    .addColumn('credit_note_number_format', 'text', (c) => c.notNull())
    .addColumn('default_payment_days', 'integer', (c) => c.notNull())
    .addColumn('grace_days', 'integer', (c) => c.notNull())
    .addColumn('auto_invoice_on_won', 'integer', (c) => c.notNull())
    .addColumn('collections_team_id', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  /**
   * The next number per series (`invoice:2026`, `credit_note:2026`). Issuing increments it in the
   * issuing transaction (a row lock on PostgreSQL), so numbers have no gaps and no duplicates.
   */
  await db.schema
    .createTable('invoice_number_series')
    .addColumn('series', 'text', (c) => c.primaryKey())
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.unique())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('deal_id', 'text')
    /** `deal:<id>` for the invoice made from a won deal: one deal, one invoice (unique). */
    .addColumn('source_key', 'text', (c) => c.unique())
    .addColumn('buyer_name', 'text', (c) => c.notNull())
    .addColumn('buyer_street', 'text')
    .addColumn('buyer_postal_code', 'text')
    .addColumn('buyer_city', 'text')
    .addColumn('buyer_country', 'text', (c) => c.notNull())
    .addColumn('buyer_vat_id', 'text')
    .addColumn('buyer_reference', 'text')
    .addColumn('buyer_email', 'text')
    .addColumn('issue_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('service_date', 'text')
    .addColumn('service_period_start', 'text')
    .addColumn('service_period_end', 'text')
    .addColumn('payment_days', 'integer', (c) => c.notNull())
    /** Hundredths of a percent (2 % = 200). */
    .addColumn('cash_discount_bp', 'integer')
    .addColumn('cash_discount_days', 'integer')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .addColumn('vat_cents', 'bigint', (c) => c.notNull())
    .addColumn('gross_cents', 'bigint', (c) => c.notNull())
    .addColumn('paid_cents', 'bigint', (c) => c.notNull())
    /** gross − paid while issued; 0 for drafts, paid and cancelled invoices. */
    .addColumn('open_cents', 'bigint', (c) => c.notNull())
    .addColumn('intro_text', 'text')
    .addColumn('notes', 'text')
    .addColumn('corrects_invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('corrected_by_invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('cancel_reason', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'text')
    .addColumn('paid_at', 'text')
    /** When the due sweep found it unpaid past due date + grace days (set once: it raised `invoice.overdue`). */
    .addColumn('overdue_at', 'text')
    /** The business date (company time zone) the due sweep ran as of when it marked the invoice overdue. */
    .addColumn('overdue_since', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const invoiceIndexes: Array<[string, string[]]> = [
    ['invoices_company', ['company_id', 'created_at']],
    ['invoices_deal', ['deal_id']],
    ['invoices_status_due', ['status', 'due_date', 'id']],
    ['invoices_issue_date', ['issue_date', 'id']],
    ['invoices_created', ['created_at', 'id']],
    ['invoices_owner', ['owner_id', 'status']],
    ['invoices_team', ['team_id', 'status']],
  ];
  for (const [name, columns] of invoiceIndexes) {
    await db.schema.createIndex(name).on('invoices').columns(columns).execute();
  }
  // Open receivables by due date: the due sweep, the AR aging and the matching of payments.
  await db.schema
    .createIndex('invoices_open_due')
    .on('invoices')
    .columns(['due_date', 'id', 'open_cents'])
    .where(sql<boolean>`status = 'issued'`)
    .execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    /** Thousandths (1.5 h = 1500). */
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_rate', 'integer', (c) => c.notNull())
    .addColumn('vat_category', 'text', (c) => c.notNull())
    .addColumn('exemption_reason', 'text')
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invoice_lines_invoice')
    .on('invoice_lines')
    .columns(['invoice_id', 'position'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('payer_name', 'text')
    .addColumn('payer_iban', 'text')
    /** The bank statement entry it came from (unique: one entry, one payment). */
    .addColumn('bank_entry_id', 'text', (c) => c.unique())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_date').on('payments').columns(['date', 'id']).execute();

  await db.schema
    .createTable('payment_allocations')
    .addColumn('payment_id', 'text', (c) => c.notNull().references('payments.id').onDelete('cascade'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_allocations_pk', ['payment_id', 'invoice_id'])
    .execute();
  await db.schema
    .createIndex('payment_allocations_invoice')
    .on('payment_allocations')
    .columns(['invoice_id'])
    .execute();

  const now = new Date().toISOString();
  const q = db as Kysely<Record<string, Record<string, unknown>>>;
  // Placeholder seller data so invoices can be drafted at once; an admin completes it in the
  // settings (issuing checks that name, address, IBAN and a tax number or VAT ID are filled in).
  await q
    .insertInto('billing_settings')
    .values({
      id: 1,
      seller_name: 'Meine Firma GmbH',
      street: '',
      postal_code: '',
      city: '',
      country: 'DE',
      vat_id: null,
      tax_number: null,
      iban: '',
      bic: null,
      bank_name: null,
      email: null,
      phone: null,
      invoice_number_format: 'RE-{YYYY}-{NNNNN}',
      credit_note_number_format: 'GS-{YYYY}-{NNNNN}',
      default_payment_days: 14,
      grace_days: 3,
      auto_invoice_on_won: 0,
      collections_team_id: null,
      updated_at: now,
      version: 1,
    })
    .execute();
}

import type { InvoiceKind, InvoiceStatus } from '../../../../contracts/billing';

/** The billing domain's tables (migration 2026_11_26_2200_create_billing). */
export interface BillingSettingsTable {
  id: number;
  seller_name: string;
  street: string;
  postal_code: string;
  city: string;
  country: string;
  vat_id: string | null;
  tax_number: string | null;
  iban: string;
  bic: string | null;
  bank_name: string | null;
  email: string | null;
  phone: string | null;
  invoice_number_format: string;
  credit_note_number_format: string;
  default_payment_days: number;
  grace_days: number;
  auto_invoice_on_won: number;
  collections_team_id: string | null;
  updated_at: string;
  version: number;
}

export interface InvoiceNumberSeriesTable {
  series: string;
  next_number: number;
}

export interface InvoicesTable {
  id: string;
  kind: InvoiceKind;
  status: InvoiceStatus;
  number: string | null;
  company_id: string;
  contact_id: string | null;
  deal_id: string | null;
  source_key: string | null;
  buyer_name: string;
  buyer_street: string | null;
  buyer_postal_code: string | null;
  buyer_city: string | null;
  buyer_country: string;
  buyer_vat_id: string | null;
  buyer_reference: string | null;
  buyer_email: string | null;
  issue_date: string | null;
  due_date: string | null;
  service_date: string | null;
  service_period_start: string | null;
  service_period_end: string | null;
  payment_days: number;
  cash_discount_bp: number | null;
  cash_discount_days: number | null;
  currency: string;
  net_cents: number;
  vat_cents: number;
  gross_cents: number;
  paid_cents: number;
  open_cents: number;
  intro_text: string | null;
  notes: string | null;
  corrects_invoice_id: string | null;
  corrected_by_invoice_id: string | null;
  cancel_reason: string | null;
  owner_id: string | null;
  team_id: string | null;
  issued_at: string | null;
  issued_by: string | null;
  paid_at: string | null;
  overdue_at: string | null;
  overdue_since: string | null;
  /** 0 = not dunned yet; else the level of the last notice (migration 2026_11_26_2300). */
  dunning_level: number;
  last_dunned_on: string | null;
  dunning_blocked: number;
  buyer_is_consumer: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InvoiceLinesTable {
  id: string;
  invoice_id: string;
  position: number;
  product_id: string | null;
  description: string;
  quantity_milli: number;
  unit: string;
  unit_price_cents: number;
  discount_bp: number;
  vat_rate: number;
  vat_category: string;
  exemption_reason: string | null;
  net_cents: number;
}

export interface PaymentsTable {
  id: string;
  amount_cents: number;
  date: string;
  method: string;
  source: string;
  reference: string | null;
  payer_name: string | null;
  payer_iban: string | null;
  bank_entry_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface PaymentAllocationsTable {
  payment_id: string;
  invoice_id: string;
  amount_cents: number;
  created_at: string;
}

declare module '../../platform/db/database' {
  interface Database {
    billing_settings: BillingSettingsTable;
    invoice_number_series: InvoiceNumberSeriesTable;
    invoices: InvoicesTable;
    invoice_lines: InvoiceLinesTable;
    payments: PaymentsTable;
    payment_allocations: PaymentAllocationsTable;
  }
}

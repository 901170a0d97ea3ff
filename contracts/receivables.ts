import { z } from 'zod';
import { BusinessDate, Id } from './common';

/**
 * Receivables reports (issue 5, item 6): accounts-receivable aging, days sales outstanding (DSO) and
 * invoiced vs collected per month. Read-only, over the invoices the caller may see (sales people
 * their own, managers their teams', accounting and admins all). Amounts are integer cents (EUR).
 *
 * What counts:
 * - an **open receivable** is an issued invoice (kind `invoice`, status `issued`) with an open
 *   amount (`openCents` > 0). Drafts, paid and cancelled invoices and credit notes are not.
 * - **invoiced** in a period = gross of the invoices issued in it (by issue date, also those paid or
 *   cancelled later); **credited** = gross of the credit notes issued in it; net = invoiced − credited.
 * - **collected** = payments allocated to those invoices, by payment date.
 */

/** `YYYY-MM`. */
export const BusinessMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Expected a month YYYY-MM' });

/** The five aging buckets, in order. */
export const AGING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgingBucketKey = (typeof AGING_BUCKETS)[number];

/** Open cents and number of invoices of one bucket. */
export const AgingAmount = z.object({ cents: z.number().int(), count: z.number().int() });
export type AgingAmount = z.infer<typeof AgingAmount>;

/**
 * Days past due = `asOf` − due date. `notDue`: ≤ 0 (due today is not yet due); `days1to30`: 1–30;
 * `days31to60`: 31–60; `days61to90`: 61–90; `over90`: more than 90.
 */
export const AgingBuckets = z.object({
  notDue: AgingAmount,
  days1to30: AgingAmount,
  days31to60: AgingAmount,
  days61to90: AgingAmount,
  over90: AgingAmount,
  /** All five together. */
  total: AgingAmount,
  /** Past due: the four overdue buckets together (total − notDue). */
  overdue: AgingAmount,
});
export type AgingBuckets = z.infer<typeof AgingBuckets>;

export const AgingQuery = z.object({
  /**
   * The day days past due are counted to (default today, company time zone). The open amounts are
   * always today's (the aging of a past day would need the payment history), so `asOf` may not be
   * before today: a later day shows what will be overdue by then if nothing is paid.
   */
  asOf: BusinessDate.optional(),
  /** Customers listed one by one, largest open total first; the rest are summed up in `others`. */
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AgingQuery = z.infer<typeof AgingQuery>;

export const AgingCustomer = AgingBuckets.extend({
  companyId: Id,
  /** The company's name (null if the company no longer exists). */
  companyName: z.string().nullable(),
});
export type AgingCustomer = z.infer<typeof AgingCustomer>;

export const AgingReport = z.object({
  asOf: BusinessDate,
  currency: z.literal('EUR'),
  total: AgingBuckets,
  /** Customers with open receivables (all, not only those listed). */
  customerCount: z.number().int(),
  /** The `limit` customers with the largest open total (ties by company id). */
  customers: z.array(AgingCustomer),
  /** The customers beyond `limit`, summed; null when every customer is listed. */
  others: AgingBuckets.extend({ customerCount: z.number().int() }).nullable(),
});
export type AgingReport = z.infer<typeof AgingReport>;

export const DsoQuery = z.object({
  /** How many month ends to show, the current month (as of today) last. */
  months: z.coerce.number().int().min(1).max(36).default(12),
});
export type DsoQuery = z.infer<typeof DsoQuery>;

/** Days in the window over which sales are taken for DSO. */
export const DSO_WINDOW_DAYS = 90;

/**
 * DSO as of a day D (the standard formula, over a rolling 90-day window):
 * `DSO = receivables open at the end of D ÷ net invoiced in the 90 days up to D × 90`,
 * rounded to one decimal; null when nothing was invoiced in the window.
 */
export const DsoPoint = z.object({
  /** `YYYY-MM` of the month whose last day (for the current month: today) is `asOf`. */
  month: BusinessMonth,
  asOf: BusinessDate,
  /** Receivables open at the end of `asOf` (see CashFlowMonth.openCents). */
  openCents: z.number().int(),
  /** Net invoiced (invoices − credit notes) in the 90 days `asOf` − 89 … `asOf`. */
  salesCents: z.number().int(),
  dso: z.number().nullable(),
});
export type DsoPoint = z.infer<typeof DsoPoint>;

export const DsoReport = z.object({
  asOf: BusinessDate,
  currency: z.literal('EUR'),
  windowDays: z.number().int(),
  /** DSO today (the same as the last month's point). */
  current: DsoPoint,
  /** One point per month end, oldest first, the current month last. */
  months: z.array(DsoPoint),
});
export type DsoReport = z.infer<typeof DsoReport>;

export const CashFlowQuery = z
  .object({
    /** First month (inclusive); default: 11 months before `to`. */
    from: BusinessMonth.optional(),
    /** Last month (inclusive); default: the current month. */
    to: BusinessMonth.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The period ends before it starts',
    path: ['to'],
  });
export type CashFlowQuery = z.infer<typeof CashFlowQuery>;

/** The longest period cash-flow reports (in months). */
export const CASH_FLOW_MAX_MONTHS = 60;

export const CashFlowMonth = z.object({
  month: BusinessMonth,
  /** Gross of the invoices issued in the month. */
  invoicedCents: z.number().int(),
  /** Gross of the credit notes issued in the month. */
  creditedCents: z.number().int(),
  /** invoicedCents − creditedCents. */
  netInvoicedCents: z.number().int(),
  /** Payments allocated to invoices, by payment date. */
  collectedCents: z.number().int(),
  /**
   * Receivables open at the end of the month: gross of the invoices issued until then, less what
   * was paid on them and what was cancelled by credit notes until then. For the current month it is
   * the open amount of today's invoices (AgingReport total).
   */
  openCents: z.number().int(),
});
export type CashFlowMonth = z.infer<typeof CashFlowMonth>;

export const CashFlowReport = z.object({
  from: BusinessMonth,
  to: BusinessMonth,
  currency: z.literal('EUR'),
  months: z.array(CashFlowMonth),
  total: z.object({
    invoicedCents: z.number().int(),
    creditedCents: z.number().int(),
    netInvoicedCents: z.number().int(),
    collectedCents: z.number().int(),
  }),
});
export type CashFlowReport = z.infer<typeof CashFlowReport>;

import { z } from 'zod';
import { BusinessDate, Id, Instant, Version } from './common';

/**
 * Dunning (Mahnwesen): the due sweep moves an unpaid, overdue invoice up one level at a time on the
 * schedule below and writes one notice (a letter) per level; each level creates or updates the
 * invoice's collection task. Amounts are integer cents.
 */

/** One step of the schedule (1 = payment reminder … 4 = final notice). */
export const DunningLevel = z.object({
  level: z.number().int().min(1).max(4),
  name: z.string(),
  /** Reached this many days after the due date; strictly increasing by level. */
  daysAfterDue: z.number().int(),
  /** The letter's new payment deadline: notice date + these days. */
  paymentDays: z.number().int(),
  /** Dunning fee charged with this level (0 = none). */
  feeCents: z.number().int(),
  /** Default interest per §288 BGB on the open amount from the day after the due date. */
  chargeInterest: z.boolean(),
  /** The €40 lump sum of §288 (5) BGB — B2B only, charged once per invoice. */
  chargeLumpSum: z.boolean(),
  /** The letter's body after the salutation (German). */
  letterText: z.string(),
});
export type DunningLevel = z.infer<typeof DunningLevel>;

export const DunningSettings = z.object({
  /** Off: the due sweep still marks invoices overdue (and makes collection tasks) but writes no notices. */
  enabled: z.boolean(),
  /** The Basiszinssatz (§247 BGB) in percent, e.g. 1.27; may be negative. */
  baseRatePercent: z.number(),
  /** Base rate + 9 points (B2B) and + 5 points (B2C), in percent. */
  b2bInterestPercent: z.number(),
  b2cInterestPercent: z.number(),
  levels: z.array(DunningLevel),
  updatedAt: Instant,
  version: Version,
});
export type DunningSettings = z.infer<typeof DunningSettings>;

export const UpdateDunningSettings = z.strictObject({
  version: Version,
  enabled: z.boolean().optional(),
  baseRatePercent: z.number().min(-10).max(20).optional(),
  /** All four levels, in order; days strictly increasing. */
  levels: z
    .array(
      z.strictObject({
        level: z.number().int().min(1).max(4),
        name: z.string().trim().min(1).max(60),
        daysAfterDue: z.number().int().min(0).max(365),
        paymentDays: z.number().int().min(0).max(90),
        feeCents: z.number().int().min(0).max(100_000),
        chargeInterest: z.boolean(),
        chargeLumpSum: z.boolean(),
        letterText: z.string().trim().min(1).max(5000),
      }),
    )
    .length(4)
    .optional(),
});
export type UpdateDunningSettings = z.input<typeof UpdateDunningSettings>;

/** A letter the due sweep wrote (amounts frozen as of its date: the PDF renders from them). */
export const DunningNotice = z.object({
  id: Id,
  invoiceId: Id,
  invoiceNumber: z.string(),
  level: z.number().int(),
  levelName: z.string(),
  noticeDate: BusinessDate,
  paymentDeadline: BusinessDate,
  daysOverdue: z.number().int(),
  openCents: z.number().int(),
  /** The fees of this and earlier notices. */
  feeCents: z.number().int(),
  interestRatePercent: z.number(),
  interestCents: z.number().int(),
  lumpSumCents: z.number().int(),
  totalCents: z.number().int(),
  createdAt: Instant,
});
export type DunningNotice = z.infer<typeof DunningNotice>;
export const DunningNoticeList = z.object({ items: z.array(DunningNotice) });

/** Stop (or resume) dunning an invoice, e.g. while a complaint is open. */
export const SetDunningBlock = z.strictObject({
  blocked: z.boolean(),
  version: Version,
});
export type SetDunningBlock = z.infer<typeof SetDunningBlock>;

import { z } from 'zod';
import { BusinessDate, Id, Instant } from './common';
import { StageKind } from './sales';

/* The sales reports (funnel, forecast) and the conversion of activities into revenue (deals and pipelines: ./sales). */

// ─── reports ─────────────────────────────────────────────────────────────────────────────────────

export const FunnelQuery = z
  .object({
    /** Defaults to the default pipeline. */
    pipelineId: Id.optional(),
    /** First day of the period (company time zone), inclusive. */
    from: BusinessDate.optional(),
    /** Last day of the period, inclusive. */
    to: BusinessDate.optional(),
    /**
     * `created`: the deals created in the period (a cohort), followed through all their stages;
     * `entered`: the stage entries made in the period, and the deals closed in it.
     */
    basis: z.enum(['created', 'entered']).default('created'),
    ownerId: Id.optional(),
    teamId: Id.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The period ends before it starts',
    path: ['to'],
  });
export type FunnelQuery = z.infer<typeof FunnelQuery>;

export const FunnelStage = z.object({
  stageId: Id,
  name: z.string(),
  kind: StageKind,
  position: z.number().int(),
  probability: z.number().int(),
  /** Deals that entered the stage (each deal once, at its first entry). */
  entered: z.number().int(),
  /** Their amounts at the moment they entered. */
  enteredValueCents: z.number().int(),
  /** Of those, deals that went on to a later stage (open or won) afterwards; null for won/lost. */
  advanced: z.number().int().nullable(),
  /** advanced ÷ entered (0–1); null for won/lost stages or when nothing entered. */
  conversionRate: z.number().nullable(),
  /** Average length of the completed stays in the stage, in days; null when none ended. */
  avgDaysInStage: z.number().nullable(),
});

export const FunnelReport = z.object({
  pipelineId: Id,
  pipelineName: z.string(),
  currency: z.literal('EUR'),
  from: BusinessDate.nullable(),
  to: BusinessDate.nullable(),
  basis: z.enum(['created', 'entered']),
  stages: z.array(FunnelStage),
  won: z.number().int(),
  lost: z.number().int(),
  wonValueCents: z.number().int(),
  /** won ÷ (won + lost); null when nothing closed. */
  winRate: z.number().nullable(),
  /** Average days from creation to winning, of the won deals. */
  avgSalesCycleDays: z.number().nullable(),
});
export type FunnelReport = z.infer<typeof FunnelReport>;

export const ForecastQuery = z.object({
  /** All pipelines when left out. */
  pipelineId: Id.optional(),
  ownerId: Id.optional(),
  teamId: Id.optional(),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

export const ForecastFigures = z.object({
  count: z.number().int(),
  amountCents: z.number().int(),
  /** Σ amount × probability ÷ 100, rounded to the cent once per figure. */
  weightedCents: z.number().int(),
});
export const ForecastBucket = ForecastFigures.extend({
  /** `overdue` (expected before today), `YYYY-MM` (this month and the 11 after it), or `later`. */
  key: z.string(),
});
export const ForecastRow = z.object({ total: ForecastFigures, buckets: z.array(ForecastBucket) });
export const ForecastReport = z.object({
  asOf: BusinessDate,
  currency: z.literal('EUR'),
  pipelineId: Id.nullable(),
  total: ForecastFigures,
  buckets: z.array(ForecastBucket),
  byOwner: z.array(ForecastRow.extend({ ownerId: Id, ownerName: z.string().nullable() })),
  byTeam: z.array(ForecastRow.extend({ teamId: Id.nullable() })),
});
export type ForecastReport = z.infer<typeof ForecastReport>;

// ─── activity conversion ─────────────────────────────────────────────────────────────────────────

export const ActivityConversionQuery = z
  .object({
    /** First day of the period (company time zone), inclusive; default: the first day of this quarter. */
    from: BusinessDate.optional(),
    /** Last day of the period, inclusive; default: the last day of this quarter. */
    to: BusinessDate.optional(),
    /** One row per person, or per team (a team = its current members). */
    groupBy: z.enum(['person', 'team']).default('person'),
    ownerId: Id.optional(),
    teamId: Id.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The period ends before it starts',
    path: ['to'],
  });
export type ActivityConversionQuery = z.infer<typeof ActivityConversionQuery>;

export const ActivityConversionFigures = z.object({
  /** Activities (tasks of a type marked as activity) completed in the period. */
  activities: z.number().int(),
  /** Of those, per task type key (call, meeting, email, …). */
  byType: z.record(z.string(), z.number().int()),
  /** Deals won in the period and their amounts. */
  wonDeals: z.number().int(),
  wonCents: z.number().int(),
  /** activities ÷ wonDeals (2 decimals); null without won deals. */
  activitiesPerWonDeal: z.number().nullable(),
  /** wonCents ÷ activities, rounded to the cent; null without activities. */
  revenuePerActivityCents: z.number().int().nullable(),
  /** Activities linked to the won deals (deal_id) and completed before the deal was won, at any time. */
  linkedActivities: z.number().int(),
  /** linkedActivities ÷ wonDeals (2 decimals); null without won deals. */
  linkedActivitiesPerWonDeal: z.number().nullable(),
});
export type ActivityConversionFigures = z.infer<typeof ActivityConversionFigures>;

export const ActivityConversionRow = ActivityConversionFigures.extend({
  /** The user id (groupBy=person) or team id (groupBy=team). */
  id: Id,
  name: z.string(),
});
export type ActivityConversionRow = z.infer<typeof ActivityConversionRow>;

export const ActivityConversionDeal = z.object({
  dealId: Id,
  title: z.string(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  wonAt: Instant,
  amountCents: z.number().int(),
  /** Activities linked to the deal and completed before it was won, per type and in total. */
  activities: z.number().int(),
  byType: z.record(z.string(), z.number().int()),
});
export type ActivityConversionDeal = z.infer<typeof ActivityConversionDeal>;

export const ActivityConversionReport = z.object({
  from: BusinessDate,
  to: BusinessDate,
  groupBy: z.enum(['person', 'team']),
  currency: z.literal('EUR'),
  /** The activity types (in their order), for columns. */
  activityTypes: z.array(z.object({ key: z.string(), name: z.string() })),
  rows: z.array(ActivityConversionRow),
  /** Over everyone in the report once (a person in two teams counts once). */
  total: ActivityConversionFigures,
  /** The deals won in the period with the activities that led to them: the latest 100. */
  deals: z.array(ActivityConversionDeal),
});
export type ActivityConversionReport = z.infer<typeof ActivityConversionReport>;

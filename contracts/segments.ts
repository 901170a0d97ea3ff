import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Problem, Version } from './common';
import { Name, Text } from './company-fields';

/* Market segments (market data), their import, and the market-coverage report. Re-exported by ./companies. */

// ─── segments (market data) ───────────────────────────────────────────────────────────────────────
export const Segment = z.object({
  id: Id,
  /** Unique, e.g. "Maschinenbau Süd KMU". */
  name: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  sizeClass: z.string().nullable(),
  /** Number of companies in this market. */
  marketCompanies: z.number().int().nullable(),
  /** Potential annual revenue in this market, in cents. */
  potentialRevenueCents: z.number().int().nullable(),
  currency: z.literal('EUR'),
  notes: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Segment = z.infer<typeof Segment>;

const MarketCompanies = z
  .number({ message: 'Enter the number of companies as a whole number' })
  .int({ message: 'Enter the number of companies as a whole number' })
  .min(0, { message: 'The number of companies cannot be negative' })
  .max(100_000_000)
  .nullish();
const PotentialCents = z
  .number({ message: 'Enter the potential in cents as a whole number' })
  .int({ message: 'Enter the potential in cents as a whole number' })
  .min(0, { message: 'The potential cannot be negative' })
  .max(Number.MAX_SAFE_INTEGER)
  .nullish();

const segmentFields = {
  industry: Text(100),
  region: Text(100),
  sizeClass: Text(100),
  marketCompanies: MarketCompanies,
  potentialRevenueCents: PotentialCents,
  notes: Text(10_000),
};
export const CreateSegment = z.strictObject({ name: Name, ...segmentFields });
export type CreateSegment = z.infer<typeof CreateSegment>;
export const UpdateSegment = z.strictObject({ version: Version, name: Name.optional(), ...segmentFields });
export type UpdateSegment = z.infer<typeof UpdateSegment>;
export const DeleteSegmentQuery = z.object({ version: z.coerce.number().int().min(1) });
export const SegmentListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  industry: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']).default('name'),
});
export const SegmentList = listResponse(Segment);

/** Fields a segment CSV can fill; `mapping` names the CSV column for each (else headers are recognised). */
export const SEGMENT_IMPORT_FIELDS = [
  'name',
  'industry',
  'region',
  'sizeClass',
  'marketCompanies',
  'potentialRevenue',
  'notes',
] as const;
export const SegmentImportMapping = z.strictObject({
  name: z.string().max(200).optional(),
  industry: z.string().max(200).optional(),
  region: z.string().max(200).optional(),
  sizeClass: z.string().max(200).optional(),
  marketCompanies: z.string().max(200).optional(),
  /** Potential annual revenue in EUR (not cents): `1.234.567,89` and `1,234,567.89` are both read. */
  potentialRevenue: z.string().max(200).optional(),
  notes: z.string().max(200).optional(),
});
export const SegmentImportRequest = z.strictObject({
  /** The CSV text, with a header row; `;` or `,` separated (detected). */
  csv: z.string().min(1, { message: 'The CSV file is empty' }),
  mapping: SegmentImportMapping.optional(),
  /** Validate and report only; write nothing. */
  dryRun: z.boolean().default(false),
});
export const SegmentImportReport = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written (all of them); false for a dry run or when any row was rejected. */
  committed: z.boolean(),
  /** Data rows read. */
  rows: z.number().int(),
  /** Segments created (dry run or rejected file: that would be created). */
  created: z.number().int(),
  /** Existing segments (same name) updated (or that would be). */
  updated: z.number().int(),
  /** Rows equal to an existing segment (nothing to change). */
  unchanged: z.number().int(),
  /** Rows with errors; `row` is the line number in the file (the header is line 1). */
  rejected: z.array(
    z.object({ row: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ),
});
export type SegmentImportReport = z.infer<typeof SegmentImportReport>;
/** 422 `segments.import_rejected`: nothing was written; the report lists every rejected row. */
export const SegmentImportProblem = Problem.extend({ report: SegmentImportReport.optional() });

// ─── market coverage report ───────────────────────────────────────────────────────────────────────
const coverageFigures = {
  /** Companies of the segment you can see (merged duplicates not counted). */
  companiesKnown: z.number().int(),
  prospects: z.number().int(),
  customers: z.number().int(),
  marketCompanies: z.number().int().nullable(),
  potentialRevenueCents: z.number().int().nullable(),
  /** customers ÷ marketCompanies (0…1), null without market size. */
  penetration: z.number().nullable(),
  /** Sum of open deals of those companies, in cents. */
  openPipelineCents: z.number().int(),
  /** Sum of won deals of those companies (won in the period asked for), in cents. */
  wonRevenueCents: z.number().int(),
  /** wonRevenueCents ÷ potentialRevenueCents (0…1, may exceed 1), null without potential. */
  shareOfPotential: z.number().nullable(),
};
export const MarketCoverageRow = z.object({
  segmentId: Id,
  segmentName: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  sizeClass: z.string().nullable(),
  ...coverageFigures,
});
export type MarketCoverageRow = z.infer<typeof MarketCoverageRow>;
export const MarketCoverageReport = z.object({
  currency: z.literal('EUR'),
  items: z.array(MarketCoverageRow),
  /** Over the segments listed; penetration and share only over segments that have market figures. */
  totals: z.object(coverageFigures),
});
export type MarketCoverageReport = z.infer<typeof MarketCoverageReport>;
export const MarketCoverageQuery = z.object({
  segmentId: Id.optional(),
  /** Only companies of this owner / team. */
  ownerId: Id.optional(),
  teamId: Id.optional(),
  /** Won revenue counts deals won from `from` to `to` (inclusive, company time zone); default all time. */
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
});

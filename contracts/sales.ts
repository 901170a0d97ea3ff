import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Version } from './common';

// ─── pipelines and stages ────────────────────────────────────────────────────────────────────────

export const StageKind = z.enum(['open', 'won', 'lost']);
export type StageKind = z.infer<typeof StageKind>;

/** A deal's status is the kind of the stage it is in. */
export const DealStatus = StageKind;
export type DealStatus = StageKind;

const Name = z.string().trim().min(1, { message: 'Enter a name' }).max(200);
const Probability = z.number().int({ message: 'Use a whole percentage' }).min(0).max(100);

export const Stage = z.object({
  id: Id,
  name: z.string(),
  /** 0-based order within the pipeline: open stages first, then the won stage, then the lost stage. */
  position: z.number().int(),
  /** Win probability in percent (0–100); the won stage is 100, the lost stage 0. */
  probability: z.number().int(),
  kind: StageKind,
});
export type Stage = z.infer<typeof Stage>;

export const Pipeline = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  stages: z.array(Stage),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Pipeline = z.infer<typeof Pipeline>;

/** A stage as sent when creating or editing a pipeline; `id` keeps an existing stage. */
export const StageInput = z.strictObject({
  id: Id.optional(),
  name: Name,
  probability: Probability,
  kind: StageKind,
});
export type StageInput = z.infer<typeof StageInput>;

/**
 * The rules of a pipeline's stage list, as field errors: at least one open stage, exactly one won
 * and one lost stage, open stages first, then won, then lost; won = 100 %, lost = 0 %; names unique.
 */
function checkStages(stages: StageInput[], ctx: z.RefinementCtx) {
  const issue = (message: string, path: (string | number)[] = []) =>
    ctx.addIssue({ code: 'custom', message, path });
  const open = stages.filter((s) => s.kind === 'open');
  const won = stages.filter((s) => s.kind === 'won');
  const lost = stages.filter((s) => s.kind === 'lost');
  if (open.length === 0) issue('A pipeline needs at least one open stage');
  if (won.length !== 1) issue(`A pipeline needs exactly one won stage (found ${won.length})`);
  if (lost.length !== 1) issue(`A pipeline needs exactly one lost stage (found ${lost.length})`);
  const order = { open: 0, won: 1, lost: 2 } as const;
  for (let i = 1; i < stages.length; i++) {
    if (order[stages[i]!.kind] < order[stages[i - 1]!.kind]) {
      issue('Put the open stages first, then the won stage, then the lost stage', [i, 'kind']);
      break;
    }
  }
  const names = new Set<string>();
  const ids = new Set<string>();
  stages.forEach((s, i) => {
    if (s.kind === 'won' && s.probability !== 100)
      issue('The won stage has a probability of 100 %', [i, 'probability']);
    if (s.kind === 'lost' && s.probability !== 0)
      issue('The lost stage has a probability of 0 %', [i, 'probability']);
    const key = s.name.trim().toLowerCase();
    if (names.has(key)) issue(`There is already a stage called "${s.name}" in this pipeline`, [i, 'name']);
    names.add(key);
    if (s.id) {
      if (ids.has(s.id)) issue('The same stage is listed twice', [i, 'id']);
      ids.add(s.id);
    }
  });
}

const StageList = z.array(StageInput).min(3).max(30).superRefine(checkStages);

export const CreatePipeline = z.strictObject({
  name: Name,
  /** Make this the default pipeline (the one new deals and the board use when none is named). */
  isDefault: z.boolean().default(false),
  stages: StageList,
});
export type CreatePipeline = z.infer<typeof CreatePipeline>;

export const UpdatePipeline = z.strictObject({
  version: Version,
  name: Name.optional(),
  /** Only `true`: a pipeline stops being the default when another one becomes it. */
  isDefault: z.literal(true).optional(),
  /**
   * The complete, ordered stage list. Stages with an `id` are kept (renamed, moved, new probability);
   * without an `id` they are added; existing stages left out are removed — only when no deal is in them.
   */
  stages: StageList.optional(),
});
export type UpdatePipeline = z.infer<typeof UpdatePipeline>;

export const PipelineList = z.object({ items: z.array(Pipeline) });

// ─── lost reasons ────────────────────────────────────────────────────────────────────────────────

export const LostReason = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  createdAt: Instant,
});
export type LostReason = z.infer<typeof LostReason>;
export const CreateLostReason = z.strictObject({ name: Name });
export const LostReasonList = z.object({ items: z.array(LostReason) });

// ─── deals ───────────────────────────────────────────────────────────────────────────────────────

export const DealSource = z.enum([
  'website',
  'referral',
  'fair',
  'cold_call',
  'campaign',
  'partner',
  'other',
]);
export type DealSource = z.infer<typeof DealSource>;

export const VatRate = z.union([z.literal(19), z.literal(7), z.literal(0)]);

/** At most `places` decimal places (checked on the decimal value, not on float noise). */
const hasDecimals = (places: number) => (v: number) => {
  const scaled = v * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

/** Money in cents: whole, not negative, below 100 billion €. */
const Cents = z.number().int({ message: 'Amounts are whole cents' }).min(0).max(10_000_000_000_000);

export const DealLineInput = z.strictObject({
  /** A catalogue product (once the catalog exists); free-text lines leave it empty. */
  productId: Id.nullish(),
  description: z.string().trim().min(1, { message: 'Describe the line' }).max(500),
  /** Positive, up to 3 decimal places (stored as thousandths). */
  quantity: z
    .number()
    .positive({ message: 'The quantity must be more than 0' })
    .max(1_000_000_000)
    .refine(hasDecimals(3), { message: 'Use at most 3 decimal places' }),
  unitPriceCents: Cents,
  /** Percent, 0–100, up to 2 decimal places. */
  discountPercent: z
    .number()
    .min(0)
    .max(100)
    .refine(hasDecimals(2), { message: 'Use at most 2 decimal places' })
    .default(0),
  vatRate: VatRate.default(19),
});
export type DealLineInput = z.input<typeof DealLineInput>;

export const DealLine = z.object({
  id: Id,
  position: z.number().int(),
  productId: Id.nullable(),
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number().int(),
  discountPercent: z.number(),
  vatRate: z.number().int(),
  /** quantity × unit price × (1 − discount), rounded to the cent (half away from zero) per line. */
  netCents: z.number().int(),
});
export type DealLine = z.infer<typeof DealLine>;

export const Deal = z.object({
  id: Id,
  title: z.string(),
  companyId: Id,
  companyName: z.string().nullable(),
  contactId: Id.nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  teamId: Id.nullable(),
  source: DealSource,
  expectedCloseDate: BusinessDate,
  currency: z.literal('EUR'),
  pipelineId: Id,
  stageId: Id,
  stageName: z.string(),
  /** The stage's win probability in percent. */
  probability: z.number().int(),
  status: DealStatus,
  /** Net amount: the sum of the lines' net amounts, or the plain amount of a deal without lines. */
  amountCents: z.number().int(),
  /** amount × probability, rounded to the cent. */
  weightedAmountCents: z.number().int(),
  hasLines: z.boolean(),
  stageEnteredAt: Instant,
  wonAt: Instant.nullable(),
  lostAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  lostReason: z.string().nullable(),
  lostReasonId: Id.nullable(),
  createdBy: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Deal = z.infer<typeof Deal>;

export const StageChange = z.object({
  id: Id,
  fromStageId: Id.nullable(),
  fromStageName: z.string().nullable(),
  toStageId: Id,
  toStageName: z.string(),
  changedBy: Id.nullable(),
  changedByName: z.string().nullable(),
  changedAt: Instant,
  /** The deal's amount at that moment. */
  amountCents: z.number().int(),
});
export type StageChange = z.infer<typeof StageChange>;

export const DealDetail = Deal.extend({
  lines: z.array(DealLine),
  /** Oldest first; the first entry is the creation (from null). */
  stageHistory: z.array(StageChange),
});
export type DealDetail = z.infer<typeof DealDetail>;

const Title = z.string().trim().min(1, { message: 'Enter a title' }).max(300);

export const CreateDeal = z.strictObject({
  title: Title,
  companyId: Id,
  /** Must be a contact of the company. */
  contactId: Id.nullish(),
  /** Defaults to the creator. */
  ownerId: Id.optional(),
  /** Defaults to the owner's team when the owner is in exactly one. */
  teamId: Id.nullish(),
  source: DealSource.default('other'),
  expectedCloseDate: BusinessDate,
  currency: z.literal('EUR').default('EUR'),
  /** Defaults to the default pipeline. */
  pipelineId: Id.optional(),
  /** Defaults to the pipeline's first stage; must be an open stage. */
  stageId: Id.optional(),
  /** With lines the amount is computed from them; without, give the amount here (default 0). */
  lines: z.array(DealLineInput).max(200).optional(),
  amountCents: Cents.optional(),
});
export type CreateDeal = z.input<typeof CreateDeal>;

export const UpdateDeal = z.strictObject({
  version: Version,
  title: Title.optional(),
  companyId: Id.optional(),
  contactId: Id.nullish(),
  ownerId: Id.optional(),
  teamId: Id.nullish(),
  source: DealSource.optional(),
  expectedCloseDate: BusinessDate.optional(),
  /** Moving to another pipeline; without `stageId` the deal goes to its first open stage. */
  pipelineId: Id.optional(),
  /**
   * Moving to another stage (recorded in the stage history). Into the won stage = winning; into the
   * lost stage needs `lostReason` (or `lostReasonId`) in the same request.
   */
  stageId: Id.optional(),
  /** Replaces all lines; `[]` turns the deal back into a plain amount. */
  lines: z.array(DealLineInput).max(200).optional(),
  /** Only for deals without lines. */
  amountCents: Cents.optional(),
  lostReason: z.string().trim().min(1).max(500).optional(),
  lostReasonId: Id.optional(),
});
export type UpdateDeal = z.input<typeof UpdateDeal>;

export const WinDeal = z.strictObject({ version: Version });
export const LoseDeal = z.strictObject({
  version: Version,
  /** Why the deal was lost; may be left out when `reasonId` names a lost reason. */
  reason: z.string().trim().max(500).optional(),
  reasonId: Id.optional(),
});
export const ReopenDeal = z.strictObject({
  version: Version,
  /** An open stage; defaults to the stage the deal was in before it was closed. */
  stageId: Id.optional(),
});

export const DEAL_SORT_FIELDS = ['title', 'amount', 'expectedCloseDate', 'createdAt', 'updatedAt'] as const;
const DealSort = z.enum(DEAL_SORT_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]);

export const DealListQuery = ListQuery.extend({
  pipelineId: Id.optional(),
  stageId: Id.optional(),
  status: DealStatus.optional(),
  ownerId: Id.optional(),
  teamId: Id.optional(),
  companyId: Id.optional(),
  contactId: Id.optional(),
  /** Searches the title. */
  q: z.string().trim().max(200).optional(),
  expectedCloseFrom: BusinessDate.optional(),
  expectedCloseTo: BusinessDate.optional(),
  sort: DealSort.default('-createdAt'),
});
export type DealListQuery = z.infer<typeof DealListQuery>;
export const DealList = listResponse(Deal);

export const BoardQuery = z.object({
  /** Defaults to the default pipeline. */
  pipelineId: Id.optional(),
  ownerId: Id.optional(),
  teamId: Id.optional(),
  /** Deals per column; continue a column with GET /api/deals?stageId=…&sort=…&cursor=<column nextCursor>. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
  sort: DealSort.default('-amount'),
});
export type BoardQuery = z.infer<typeof BoardQuery>;

export const BoardColumn = z.object({
  stage: Stage,
  count: z.number().int(),
  amountCents: z.number().int(),
  /** Sum of amount × stage probability, rounded to the cent. */
  weightedAmountCents: z.number().int(),
  deals: z.array(Deal),
  nextCursor: z.string().nullable(),
});
export const Board = z.object({ pipeline: Pipeline, columns: z.array(BoardColumn) });
export type Board = z.infer<typeof Board>;

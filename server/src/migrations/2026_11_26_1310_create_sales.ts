import type { Kysely } from 'kysely';

/**
 * The default pipeline "Vertrieb" and the standard lost reasons, with fixed ids. They are created
 * here, not by the demo seed, so that every installation has them from its first start (demo or
 * not), without a "create on first read" race between several API processes: migrations run once,
 * under the migrator's lock. They are ordinary rows afterwards (renamed, edited like any other).
 */
export const DEFAULT_PIPELINE_ID = '0190a000-0000-7000-8000-00000000a001';
export const DEFAULT_STAGES = [
  { id: '0190a000-0000-7000-8000-00000000a101', name: 'Lead', probability: 10, kind: 'open' },
  { id: '0190a000-0000-7000-8000-00000000a102', name: 'Qualifiziert', probability: 25, kind: 'open' },
  { id: '0190a000-0000-7000-8000-00000000a103', name: 'Angebot', probability: 50, kind: 'open' },
  { id: '0190a000-0000-7000-8000-00000000a104', name: 'Verhandlung', probability: 75, kind: 'open' },
  { id: '0190a000-0000-7000-8000-00000000a105', name: 'Gewonnen', probability: 100, kind: 'won' },
  { id: '0190a000-0000-7000-8000-00000000a106', name: 'Verloren', probability: 0, kind: 'lost' },
] as const;
export const DEFAULT_LOST_REASONS = [
  { id: '0190a000-0000-7000-8000-00000000a201', name: 'Preis' },
  { id: '0190a000-0000-7000-8000-00000000a202', name: 'Wettbewerber' },
  { id: '0190a000-0000-7000-8000-00000000a203', name: 'Kein Budget' },
  { id: '0190a000-0000-7000-8000-00000000a204', name: 'Kein Bedarf' },
  { id: '0190a000-0000-7000-8000-00000000a205', name: 'Timing' },
] as const;

/**
 * Sales: pipelines with ordered stages, lost reasons, deals with lines, and the stage history.
 * Deals refer to companies, contacts, users and teams by id without foreign keys: those rows belong
 * to other domains (links are checked by the service and kept up to date through their events).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pipeline_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    /** Removed stages stay for the history that refers to them. */
    .addColumn('removed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('pipeline_stages_pipeline')
    .on('pipeline_stages')
    .columns(['pipeline_id', 'position'])
    .execute();

  await db.schema
    .createTable('lost_reasons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('pipeline_id', 'text', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    /** The kind of the stage (open, won, lost), kept with the deal for filtering. */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('has_lines', 'integer', (c) => c.notNull())
    .addColumn('stage_entered_at', 'text', (c) => c.notNull())
    .addColumn('won_at', 'text')
    .addColumn('lost_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('lost_reason', 'text')
    .addColumn('lost_reason_id', 'text', (c) => c.references('lost_reasons.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  const dealIndexes: Array<[string, string[]]> = [
    // Board columns and `?stageId=&sort=-amount`: one index range, already in order.
    ['deals_stage_amount', ['stage_id', 'amount_cents', 'id']],
    ['deals_stage_updated', ['stage_id', 'updated_at', 'id']],
    // Board totals per stage (covering: count and sum without reading the rows).
    ['deals_pipeline_stage', ['pipeline_id', 'stage_id', 'amount_cents']],
    // People who see their own deals only.
    ['deals_owner', ['owner_id', 'stage_id', 'amount_cents', 'id']],
    ['deals_team', ['team_id', 'id']],
    ['deals_company', ['company_id', 'id']],
    ['deals_contact', ['contact_id']],
    // Forecast: open deals by expected close date.
    ['deals_status_close', ['status', 'expected_close_date']],
    ['deals_pipeline_closed', ['pipeline_id', 'status', 'closed_at']],
    ['deals_amount', ['amount_cents', 'id']],
    ['deals_created', ['created_at', 'id']],
    ['deals_updated', ['updated_at', 'id']],
    ['deals_title', ['title', 'id']],
  ];
  for (const [name, columns] of dealIndexes) {
    await db.schema.createIndex(name).on('deals').columns(columns).execute();
  }

  await db.schema
    .createTable('deal_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    /** Quantity in thousandths (1.5 pieces = 1500). */
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit_price_cents', 'bigint', (c) => c.notNull())
    /** Discount in hundredths of a percent (12.5 % = 1250). */
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('vat_rate', 'integer', (c) => c.notNull())
    .addColumn('net_cents', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deal_lines_deal').on('deal_lines').columns(['deal_id', 'position']).execute();

  await db.schema
    .createTable('deal_stage_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('deal_id', 'text', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('from_stage_id', 'text', (c) => c.references('pipeline_stages.id'))
    .addColumn('to_stage_id', 'text', (c) => c.notNull().references('pipeline_stages.id'))
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    /** The deal's creation instant, so the funnel of a creation period needs no join. */
    .addColumn('deal_created_at', 'text', (c) => c.notNull())
    /** 1 on the deal's first entry into this stage (the funnel counts each deal once per stage). */
    .addColumn('first_entry', 'integer', (c) => c.notNull())
    /** On the first entry: 1 once the deal went on from this stage to a later open stage or won. */
    .addColumn('advanced', 'integer', (c) => c.notNull())
    /** When the deal left the stage again (null while it is in it), and how long it stayed. */
    .addColumn('left_at', 'text')
    .addColumn('stay_seconds', 'bigint')
    .execute();
  await db.schema
    .createIndex('deal_stage_history_deal')
    .on('deal_stage_history')
    .columns(['deal_id', 'changed_at'])
    .execute();
  await db.schema
    .createIndex('deal_stage_history_pipeline_changed')
    .on('deal_stage_history')
    .columns(['pipeline_id', 'changed_at'])
    .execute();
  await db.schema
    .createIndex('deal_stage_history_pipeline_created')
    .on('deal_stage_history')
    .columns(['pipeline_id', 'deal_created_at'])
    .execute();

  const now = new Date().toISOString();
  const q = db as Kysely<Record<string, Record<string, unknown>>>;
  await q
    .insertInto('pipelines')
    .values({
      id: DEFAULT_PIPELINE_ID,
      name: 'Vertrieb',
      is_default: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await q
    .insertInto('pipeline_stages')
    .values(
      DEFAULT_STAGES.map((s, position) => ({
        id: s.id,
        pipeline_id: DEFAULT_PIPELINE_ID,
        name: s.name,
        position,
        probability: s.probability,
        kind: s.kind,
        removed_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await q
    .insertInto('lost_reasons')
    .values(
      DEFAULT_LOST_REASONS.map((r, position) => ({ id: r.id, name: r.name, position, created_at: now })),
    )
    .execute();
}

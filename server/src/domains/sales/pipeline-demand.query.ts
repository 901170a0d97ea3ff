import type { DbOrTx } from '../../platform/db/database';

/** One open deal's line for a product, with what the deal's stage expects (purchasing: pipeline demand). */
export interface OpenDealDemand {
  dealId: string;
  dealTitle: string;
  productId: string;
  stageName: string;
  /** Percent, 0–100. */
  probability: number;
  expectedCloseDate: string;
  quantityMilli: number;
  /** quantity × probability, rounded to thousandths. */
  expectedMilli: number;
}

/** Product ids per query (SQLite's bound-parameter limit stays far away). */
const CHUNK = 500;

/**
 * Lines of open deals for these products whose deal is expected to close on or before `untilDate`
 * (YYYY-MM-DD): what the pipeline will need. Acts as the system (no visibility limit). A deal with
 * several lines of one product gives one entry per line. `productIds` null: every product in an
 * open deal (the full replenishment pass). Ordered by product, expected close date, deal.
 */
export async function getOpenDealDemand(
  db: DbOrTx,
  productIds: readonly string[] | null,
  untilDate: string,
): Promise<OpenDealDemand[]> {
  const ids = productIds === null ? null : [...new Set(productIds)];
  if (ids !== null && ids.length === 0) return [];
  const chunks = ids === null ? [null] : chunked(ids, CHUNK);
  const out: OpenDealDemand[] = [];
  for (const chunk of chunks) {
    let q = db
      .selectFrom('deal_lines as l')
      .innerJoin('deals as d', 'd.id', 'l.deal_id')
      .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
      .select([
        'd.id as dealId',
        'd.title as dealTitle',
        'l.product_id as productId',
        's.name as stageName',
        's.probability',
        'd.expected_close_date as expectedCloseDate',
        'l.quantity_milli as quantityMilli',
      ])
      .where('d.status', '=', 'open')
      .where('d.expected_close_date', '<=', untilDate)
      .where('l.quantity_milli', '>', 0);
    q = chunk === null ? q.where('l.product_id', 'is not', null) : q.where('l.product_id', 'in', chunk);
    const rows = await q.orderBy('l.product_id').orderBy('d.expected_close_date').orderBy('d.id').execute();
    for (const r of rows) {
      const quantityMilli = Number(r.quantityMilli);
      const probability = Number(r.probability);
      out.push({
        dealId: r.dealId,
        dealTitle: r.dealTitle,
        productId: r.productId as string,
        stageName: r.stageName,
        probability,
        expectedCloseDate: r.expectedCloseDate,
        quantityMilli,
        // half away from zero, in integers
        expectedMilli: Number((2n * BigInt(quantityMilli) * BigInt(probability) + 100n) / 200n),
      });
    }
  }
  return out;
}

function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

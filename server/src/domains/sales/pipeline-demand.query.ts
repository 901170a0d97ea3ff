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

/**
 * Lines of open deals for these products whose deal is expected to close on or before `untilDate`
 * (YYYY-MM-DD): what the pipeline will need. Acts as the system (no visibility limit).
 * TODO(issue 6, replenishment helper): implement.
 */
export async function getOpenDealDemand(
  _db: DbOrTx,
  _productIds: readonly string[],
  _untilDate: string,
): Promise<OpenDealDemand[]> {
  return [];
}

import type { ReplenishmentCause, ReplenishmentExplanation } from '../../../../contracts/purchasing';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { DbOrTx } from '../../platform/db/database';
import {
  getProductSummaries,
  getProductSuppliers,
  type ProductSummary,
  type ProductSupplierTerms,
} from '../catalog';
import { getDefaultWarehouse, getStockPositions } from '../inventory';
import { getOpenDealDemand, type OpenDealDemand } from '../sales';
import { DEAL_LABEL, storedCause } from './replenishment.causes';
import {
  computeReplenishment,
  type ReplenishmentInput,
  type ReplenishmentNumbers,
} from './replenishment.engine';
import type { ReplenishmentSettings } from './replenishment.repository';

/*
 * What replenishment reads to decide: the products and their preferred supplier (catalog), the
 * stock and reorder settings (inventory), open deals' demand (sales), and the numbers the rule
 * makes of them.
 */

export interface ReplenishmentDeps {
  clock: Clock;
  config: Pick<Config, 'timezone'>;
}

/** What a product needs in a warehouse now (or why nothing is ordered for it). */
export interface Evaluation {
  productId: string;
  warehouseId: string;
  product: ProductSummary;
  supplier: ProductSupplierTerms | null;
  input: ReplenishmentInput;
  numbers: ReplenishmentNumbers;
  deals: OpenDealDemand[];
}

export interface Statics {
  products: Map<string, ProductSummary>;
  preferred: Map<string, ProductSupplierTerms>;
}

/** Products and their preferred supplier (the first one listed when none is marked preferred). */
export async function loadStatics(db: DbOrTx, productIds: readonly string[]): Promise<Statics> {
  const products = await getProductSummaries(db, productIds);
  const preferred = new Map<string, ProductSupplierTerms>();
  for (const s of await getProductSuppliers(db, productIds)) {
    const had = preferred.get(s.productId);
    if (!had || (s.preferred && !had.preferred)) preferred.set(s.productId, s);
  }
  return { products, preferred };
}

/** Only active stock products are replenished. */
const replenishable = (p: ProductSummary | undefined): p is ProductSummary =>
  p?.active === true && p.kind === 'stock';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The numbers of these products in the warehouse from the stock of now (and the open deals', when
 * the settings count them — in the default warehouse only: a won deal reserves there, so its
 * expected demand is counted there and nowhere else). Products without reorder settings, inactive
 * and service products are left out.
 */
export async function evaluate(
  db: DbOrTx,
  statics: Statics,
  warehouseId: string,
  productIds: readonly string[],
  settings: ReplenishmentSettings,
  today: string,
): Promise<Evaluation[]> {
  const ids = [...new Set(productIds)].filter((id) => replenishable(statics.products.get(id)));
  if (ids.length === 0) return [];
  const positions = await getStockPositions(db, ids, warehouseId);
  const demandOf = new Map<string, OpenDealDemand[]>();
  if (settings.countPipelineDemand && (await getDefaultWarehouse(db)).id === warehouseId) {
    const leadOf = (id: string) => statics.preferred.get(id)?.leadTimeDays ?? 0;
    const horizon = addDays(today, Math.max(0, ...ids.map(leadOf)));
    for (const d of await getOpenDealDemand(db, ids, horizon)) {
      if (d.expectedCloseDate > addDays(today, leadOf(d.productId))) continue;
      demandOf.set(d.productId, [...(demandOf.get(d.productId) ?? []), d]);
    }
  }
  const out: Evaluation[] = [];
  for (const id of ids) {
    const pos = positions.get(id);
    if (!pos || pos.reorderPointMilli === null) continue;
    const supplier = statics.preferred.get(id) ?? null;
    const deals = demandOf.get(id) ?? [];
    const input: ReplenishmentInput = {
      warehouseId,
      onHandMilli: pos.onHandMilli,
      reservedMilli: pos.reservedMilli,
      onOrderMilli: pos.onOrderMilli,
      pipelineDemandMilli: deals.reduce((s, d) => s + d.expectedMilli, 0),
      reorderPointMilli: pos.reorderPointMilli,
      maxLevelMilli: pos.maxLevelMilli,
      reorderQtyMilli: pos.reorderQtyMilli,
      minOrderQtyMilli: supplier?.minOrderQtyMilli ?? 0,
      packSizeMilli: supplier?.packSizeMilli ?? 0,
      leadTimeDays: supplier?.leadTimeDays ?? 0,
    };
    out.push({
      productId: id,
      warehouseId,
      product: statics.products.get(id) as ProductSummary,
      supplier,
      input,
      numbers: computeReplenishment(input),
      deals,
    });
  }
  return out;
}

/**
 * Open deals' demand as causes, by deal id only: the title, stage, probability and close date are
 * put in when the explanation is read, for whoever may see the deal (replenishment.causes.ts).
 */
export function dealCauses(deals: readonly OpenDealDemand[]): ReplenishmentCause[] {
  return deals.map((d) => ({
    kind: 'deal',
    label: DEAL_LABEL,
    moveId: null,
    sourceType: 'deal',
    sourceId: d.dealId,
    sourceLabel: null,
    quantity: d.expectedMilli / 1000,
    at: null,
  }));
}

/** The causes a line had (its explanation JSON; deals by id only), [] when none or unreadable. */
export function previousCauses(explanation: string | null): ReplenishmentCause[] {
  if (!explanation) return [];
  try {
    return ((JSON.parse(explanation) as ReplenishmentExplanation).causes ?? []).map(storedCause);
  } catch {
    return [];
  }
}

export function parseExplanation(explanation: string | null): ReplenishmentExplanation | null {
  if (!explanation) return null;
  try {
    return JSON.parse(explanation) as ReplenishmentExplanation;
  } catch {
    return null;
  }
}

import type { Insertable } from 'kysely';
import { lineNetCents } from '../../../../contracts/deal-amounts';
import type { ReplenishmentCause, ReplenishmentExplanation } from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import { dialectOf } from '../../platform/search/dialect';
import type { ProductSupplierTerms } from '../catalog';
import { listMovesForCauses } from '../inventory';
import { findOrCreateDraft } from './draft-orders';
import type { PurchaseOrderLinesTable } from './purchasing.tables';
import { storedCause } from './replenishment.causes';
import { buildExplanation } from './replenishment.engine';
import {
  dealCauses,
  type Evaluation,
  evaluate,
  loadStatics,
  parseExplanation,
  previousCauses,
  type ReplenishmentDeps,
} from './replenishment.evaluate';
import {
  chunked,
  type DraftLineRow,
  deleteLines,
  findDraftLines,
  getReplenishmentSettings,
  lockDrafts,
  lockForReplenishment,
  nextLinePosition,
  type ReplenishmentSettings,
  settleDrafts,
} from './replenishment.repository';

/** Causes of moves (the stock.changed event's), per product. */
async function moveCausesByProduct(
  db: DbOrTx,
  moveIds: readonly string[],
): Promise<Map<string, ReplenishmentCause[]>> {
  const out = new Map<string, ReplenishmentCause[]>();
  for (const chunk of chunked([...new Set(moveIds)])) {
    for (const m of await listMovesForCauses(db, chunk)) {
      const cause: ReplenishmentCause = {
        kind: 'move',
        label: m.kind,
        moveId: m.id,
        sourceType: m.sourceType,
        sourceId: m.sourceId,
        sourceLabel: m.sourceLabel,
        // what the move took off the projection (a reservation of 5: 5; a receipt: −5)
        quantity: -(m.onHandDeltaMilli - m.reservedDeltaMilli + m.onOrderDeltaMilli) / 1000,
        at: m.createdAt,
      };
      // a deal's reservation is kept by the deal's id only (its title is put in when read)
      out.set(`${m.productId}|${m.warehouseId}`, [
        ...(out.get(`${m.productId}|${m.warehouseId}`) ?? []),
        storedCause(cause),
      ]);
    }
  }
  return out;
}

interface LinePlan {
  wanted: Array<{ e: Evaluation; supplier: ProductSupplierTerms }>;
  /** Replenishment lines no longer needed (or in another supplier's draft than the preferred one). */
  toRemove: DraftLineRow[];
}

function groupByProduct(lines: readonly DraftLineRow[]): Map<string, DraftLineRow[]> {
  const out = new Map<string, DraftLineRow[]>();
  for (const l of lines) out.set(l.product_id, [...(out.get(l.product_id) ?? []), l]);
  return out;
}

/** What the numbers ask of the drafts: lines to write, replenishment lines to remove. */
function planLines(
  ids: readonly string[],
  evaluationOf: ReadonlyMap<string, Evaluation>,
  lines: readonly DraftLineRow[],
): LinePlan {
  const linesOf = groupByProduct(lines);
  const plan: LinePlan = { wanted: [], toRemove: [] };
  for (const id of ids) {
    const e = evaluationOf.get(id);
    const own = (linesOf.get(id) ?? []).filter((l) => l.origin === 'replenishment');
    const order = e?.numbers.below && e.numbers.quantityMilli > 0 && e.supplier ? e.supplier : null;
    if (!e || !order) {
      plan.toRemove.push(...own);
      continue;
    }
    // a replenishment line in another supplier's draft (the preferred supplier changed) goes
    plan.toRemove.push(...own.filter((l) => l.supplier_id !== order.companyId));
    plan.wanted.push({ e, supplier: order });
  }
  return plan;
}

export interface ReplenishResult {
  /** Products whose numbers were computed. */
  checked: number;
  /** Lines inserted or changed (a line that is right already is not written again). */
  linesWritten: number;
  linesRemoved: number;
  /** Drafts holding the replenishment lines of the products checked (written now or right already). */
  purchaseOrderIds: string[];
}

/**
 * Checks these products in the warehouse and brings the drafts in line, in the caller's
 * transaction: a product below its reorder point gets a replenishment line in its preferred
 * supplier's draft (made when there is none) whose quantity is SET to what the shortfall needs now —
 * so checking the same shortfall again orders nothing more, and many changes give one line with
 * their sum. A product that needs nothing (or cannot be ordered: no supplier, inactive, a service)
 * loses its replenishment lines; a replenishment draft left empty is deleted. Manual lines are never
 * touched (a product with a manual line in the supplier's draft gets no replenishment line there).
 *
 * Concurrency (PostgreSQL): an advisory lock per product (see lockForReplenishment) before the
 * stock is read, so checks of the same product run one after the other and the later one sees the
 * earlier one's line. Only when something is to be written: the advisory locks of the suppliers'
 * drafts, the draft rows (FOR UPDATE), and the concerned products read again — an approval that
 * committed before is "on order" then, one that comes later waits for this draft. Checks that
 * write nothing (most) hold no supplier's lock, so sales of other products of a supplier do not
 * queue behind each other.
 */
export async function replenish(
  trx: Tx,
  deps: ReplenishmentDeps,
  actor: Actor,
  warehouseId: string,
  productIds: readonly string[],
  opts: { moveIds?: readonly string[]; settings?: ReplenishmentSettings } = {},
): Promise<ReplenishResult> {
  const ids = [...new Set(productIds)].sort();
  const result: ReplenishResult = { checked: 0, linesWritten: 0, linesRemoved: 0, purchaseOrderIds: [] };
  if (ids.length === 0) return result;
  const settings = opts.settings ?? (await getReplenishmentSettings(trx));
  const statics = await loadStatics(trx, ids);
  const now = deps.clock.now();
  const nowIso = now.toISOString();
  const today = businessDate(now, deps.config.timezone);

  // the products first (a check of the same product waits here), then what they show
  await lockForReplenishment(trx, warehouseId, ids, []);
  let lines = await findDraftLines(trx, ids, warehouseId);
  const evaluationOf = new Map(
    (await evaluate(trx, statics, warehouseId, ids, settings, today)).map((e) => [e.productId, e]),
  );
  result.checked = evaluationOf.size;
  let { wanted, toRemove } = planLines(ids, evaluationOf, lines);
  if (wanted.length === 0 && toRemove.length === 0) return result;

  if (dialectOf(trx) === 'postgres') {
    // The drafts that change: their suppliers (advisory, then the draft rows), and then the
    // products concerned read again — an approval that committed meanwhile is on order now, one that
    // comes later waits for this transaction.
    const concerned = [
      ...new Set([...wanted.map((w) => w.e.productId), ...toRemove.map((l) => l.product_id)]),
    ].sort();
    const suppliers = [
      ...new Set([
        ...concerned.flatMap((id) => {
          const s = statics.preferred.get(id);
          return s ? [s.companyId] : [];
        }),
        ...toRemove.map((l) => l.supplier_id),
      ]),
    ];
    await lockForReplenishment(trx, warehouseId, [], suppliers);
    await lockDrafts(trx, warehouseId, suppliers);
    lines = await findDraftLines(trx, ids, warehouseId);
    for (const id of concerned) evaluationOf.delete(id);
    for (const e of await evaluate(trx, statics, warehouseId, concerned, settings, today)) {
      evaluationOf.set(e.productId, e);
    }
    ({ wanted, toRemove } = planLines(ids, evaluationOf, lines));
  }
  const linesOf = groupByProduct(lines);
  const touched = new Set<string>();

  wanted.sort((a, b) => a.supplier.companyId.localeCompare(b.supplier.companyId));
  // the moves' sources are named only when a line is written (most checks write none)
  const moveCauses: Map<string, ReplenishmentCause[]> =
    wanted.length && opts.moveIds?.length ? await moveCausesByProduct(trx, opts.moveIds) : new Map();
  const written = new Set<string>();
  const draftOf = new Map<string, string>(); // supplier → its draft
  const positionOf = new Map<string, number>(); // draft → last line position
  const inserts: Insertable<PurchaseOrderLinesTable>[] = [];
  for (const { e, supplier } of wanted) {
    const inDraft = linesOf.get(e.productId)?.find((l) => l.supplier_id === supplier.companyId);
    if (inDraft?.origin === 'manual') continue; // a person ordered it by hand: left alone
    let draftId = inDraft?.purchase_order_id ?? draftOf.get(supplier.companyId);
    if (!draftId) {
      const draft = await findOrCreateDraft(trx, deps, actor, {
        supplierId: supplier.companyId,
        warehouseId,
        origin: 'replenishment',
      });
      draftId = draft.id;
    }
    draftOf.set(supplier.companyId, draftId);
    const explanation = buildExplanation(
      e.input,
      e.numbers,
      {
        previous: previousCauses(inDraft?.explanation ?? null),
        moves: moveCauses.get(`${e.productId}|${warehouseId}`) ?? [],
        deals: dealCauses(e.deals),
      },
      nowIso,
    );
    const unitPriceCents = supplier.purchasePriceCents ?? e.product.purchasePriceCents ?? 0;
    const values = {
      supplier_sku: supplier.supplierSku,
      quantity_milli: e.numbers.quantityMilli,
      unit_price_cents: unitPriceCents,
      net_cents: lineNetCents(e.numbers.quantityMilli, unitPriceCents, 0),
      vat_rate: e.product.vatRate,
      explanation: JSON.stringify(explanation),
      updated_at: nowIso,
    };
    written.add(draftId);
    if (inDraft) {
      if (sameLine(inDraft, values, explanation)) continue; // checked again, nothing new: left as it is
      await trx.updateTable('purchase_order_lines').set(values).where('id', '=', inDraft.id).execute();
      const changed =
        Number(inDraft.quantity_milli) !== values.quantity_milli ||
        Number(inDraft.net_cents) !== values.net_cents;
      if (changed) touched.add(draftId);
    } else {
      let position = positionOf.get(draftId);
      if (position === undefined) position = (await nextLinePosition(trx, draftId)) - 1;
      positionOf.set(draftId, position + 1);
      inserts.push({
        id: uuidv7(),
        purchase_order_id: draftId,
        position: position + 1,
        product_id: e.productId,
        description: e.product.name,
        received_milli: 0,
        origin: 'replenishment',
        created_at: nowIso,
        ...values,
      });
      touched.add(draftId);
    }
    result.linesWritten += 1;
  }
  for (const chunk of chunked(inserts, 200))
    await trx.insertInto('purchase_order_lines').values(chunk).execute();

  if (toRemove.length) {
    await deleteLines(
      trx,
      toRemove.map((l) => l.id),
    );
    for (const l of toRemove) touched.add(l.purchase_order_id);
    result.linesRemoved = toRemove.length;
  }
  const deleted = await settleDrafts(trx, [...touched], nowIso);
  result.purchaseOrderIds = [...written].filter((id) => !deleted.has(id)).sort();
  return result;
}

/** The line holds these values and this explanation already (apart from when it was computed). */
function sameLine(
  line: DraftLineRow,
  values: Pick<
    PurchaseOrderLinesTable,
    'quantity_milli' | 'unit_price_cents' | 'net_cents' | 'vat_rate' | 'supplier_sku'
  >,
  explanation: ReplenishmentExplanation,
): boolean {
  if (
    Number(line.quantity_milli) !== values.quantity_milli ||
    Number(line.unit_price_cents) !== values.unit_price_cents ||
    Number(line.net_cents) !== values.net_cents ||
    line.vat_rate !== values.vat_rate ||
    line.supplier_sku !== values.supplier_sku
  ) {
    return false;
  }
  const before = parseExplanation(line.explanation);
  return (
    before !== null && line.explanation === JSON.stringify({ ...explanation, computedAt: before.computedAt })
  );
}

/**
 * Suggestions of now for these products in the warehouse (no writes): the products below their
 * reorder point (pipeline demand counted when the settings say so), with what would be ordered and
 * the draft line that holds it, if any.
 */
export async function evaluateForSuggestions(
  db: DbOrTx,
  deps: ReplenishmentDeps,
  warehouseId: string,
  productIds: readonly string[],
  settings: ReplenishmentSettings,
): Promise<Array<Evaluation & { line: DraftLineRow | null; explanation: ReplenishmentExplanation }>> {
  const out: Array<Evaluation & { line: DraftLineRow | null; explanation: ReplenishmentExplanation }> = [];
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timezone);
  for (const chunk of chunked([...new Set(productIds)])) {
    const statics = await loadStatics(db, chunk);
    const evaluations = (await evaluate(db, statics, warehouseId, chunk, settings, today)).filter(
      (e) => e.numbers.below,
    );
    const lines = await findDraftLines(
      db,
      evaluations.map((e) => e.productId),
      warehouseId,
    );
    for (const e of evaluations) {
      const mine = lines.filter((l) => l.product_id === e.productId);
      const line =
        mine.find((l) => l.supplier_id === e.supplier?.companyId) ??
        mine.find((l) => l.origin === 'replenishment') ??
        mine[0] ??
        null;
      const explanation = buildExplanation(
        e.input,
        e.numbers,
        { previous: previousCauses(line?.explanation ?? null), moves: [], deals: dealCauses(e.deals) },
        now.toISOString(),
      );
      out.push({ ...e, line, explanation });
    }
  }
  return out;
}

import type SQLite from 'better-sqlite3';
import { lineNetCents } from '../../contracts/deal-amounts';
import {
  DEFAULT_PIPELINE_ID,
  DEFAULT_STAGES,
} from '../../server/src/migrations/2026_11_26_1310_create_sales';
import { dropIndexes, isoSeconds } from './crm';
import { uuidv7Factory } from './ids';
import { makeRng, type Rng } from './pools';

/**
 * The stock data of the bench (issue 6), written straight into Kontor's migrated tables with
 * prepared statements like the CRM data (generators/crm.ts):
 *
 * - `products` stock-tracked products (`ART-000001` …), each with one preferred supplier (a
 *   company with the supplier role in the CRM data; the products are spread over at most
 *   `maxSuppliers` of them, a fifth of the products with a second, not preferred one) with its
 *   supplier SKU, price, minimum order quantity, pack size and lead time, and reorder settings in
 *   the default warehouse (reorder point; 70 % a maximum level, 30 % a fixed reorder quantity);
 * - about `moves` ledger rows in `stock_moves`, written in time order over the two years before
 *   "now", made by simulating each product's stock: an opening count, reservations of won deals,
 *   deliveries of them (and a few releases), purchase orders when the projected stock fell below
 *   the reorder point, goods receipts of them, adjustments (damaged, found) and counts. Moves that
 *   event handlers write carry the dedupe keys the inventory domain gives them
 *   (`reserve:<source>:<line>` …), adjustments and counts a user;
 * - `stock_levels`: per product, exactly the sums of its moves (on hand, reserved, on order), with
 *   the newest move's id.
 *
 * After the simulation a last round of moves makes `belowShare` of the products (2 % by default)
 * lie below their reorder point (a reservation or a loss that nobody has reordered yet) and every
 * other product at or above it (an order where the simulation ended below): what a replenishment
 * pass finds (row 14). The generator computes what it must order for each of them (the
 * replenishment rule: up to the maximum level or the reorder quantity as often as needed, then the
 * minimum order quantity and whole packs), so the bench can check both passes against it.
 *
 * No reservation, delivery or purchase-order documents stand behind the historical moves: the
 * ledger and the levels are what stock changes and replenishment read.
 */

export interface StockOptions {
  products: number;
  moves: number;
  seed: number;
  /** The data's "now" (ms): moves lie in the two years before it. */
  now: number;
  warehouseId: string;
  /** Companies with the supplier role. */
  supplierIds: readonly string[];
  /** At most this many of them supply products. */
  maxSuppliers?: number;
  /** Users who make adjustments and counts. */
  userIds: readonly string[];
  /** Share of products below their reorder point at the end (default 0.02). */
  belowShare?: number;
}

/** What replenishment must order for a product below its reorder point. */
export interface ExpectedOrder {
  product: number;
  supplier: number;
  quantityMilli: number;
}

export interface StockData {
  products: number;
  moves: number;
  suppliers: number;
  secondSuppliers: number;
  warehouseId: string;
  productIds: string[];
  skus: string[];
  names: string[];
  unit: string[];
  salesPriceCents: Int32Array;
  vatRate: Uint8Array;
  /** Final levels (thousandths), equal to the sums of the moves. */
  onHand: Float64Array;
  reserved: Float64Array;
  onOrder: Float64Array;
  reorderPoint: Float64Array;
  /** Index into supplierIds of the preferred supplier. */
  supplierOf: Uint32Array;
  supplierIds: string[];
  /** Products below their reorder point, and what to order for each. */
  expected: ExpectedOrder[];
  movesByKind: Record<string, number>;
  /** Typical quantity of one sale (thousandths). */
  demand: Float64Array;
  /** Quantities per unit are multiples of this (1000 for pieces, 250 for kg and m). */
  step: Float64Array;
}

export interface StockTimings {
  catalog: number;
  moves: number;
  levels: number;
  indexes: number;
}

const DAY = 86_400_000;
const SPAN = 730 * DAY;

const NOUNS = [
  'Schraube',
  'Mutter',
  'Unterlegscheibe',
  'Dübel',
  'Winkel',
  'Scharnier',
  'Kugellager',
  'Dichtring',
  'Schlauchschelle',
  'Kabelbinder',
  'Sicherung',
  'Relais',
  'Schütz',
  'Klemme',
  'Steckdose',
  'Leitung',
  'Rohr',
  'Flansch',
  'Ventil',
  'Filter',
  'Keilriemen',
  'Zahnrad',
  'Welle',
  'Feder',
  'Griff',
  'Rolle',
  'Platte',
  'Profil',
  'Folie',
  'Kleber',
];
const SPECS = [
  'M6',
  'M8',
  'M10',
  'M12',
  'DN 25',
  'DN 50',
  '3 x 1,5 mm²',
  '5 x 2,5 mm²',
  '10 A',
  '16 A',
  '24 V',
  '230 V',
  '20 mm',
  '40 mm',
  '100 mm',
  'Größe 2',
  'Typ A',
  'Typ B',
];
const FINISH = [
  'verzinkt',
  'Edelstahl',
  'schwarz',
  'Messing',
  'Aluminium',
  'PVC',
  'EPDM',
  'grau',
  'blau',
  '',
];

const KINDS = [
  'count',
  'reservation',
  'delivery',
  'release',
  'order',
  'receipt',
  'adjustment',
  'order_cancel',
] as const;
type Kind = (typeof KINDS)[number];

/** ceil(a / b) * b for positive integers. */
const roundUp = (a: number, b: number) => Math.ceil(a / b) * b;

/** The replenishment rule (purchasing's computeReplenishment), for the generator's own check. */
export function orderQuantity(
  projected: number,
  point: number,
  maxLevel: number,
  reorderQty: number,
  moq: number,
  pack: number,
): number {
  let needed: number;
  if (reorderQty > 0 && maxLevel < 0) needed = Math.ceil((point - projected) / reorderQty) * reorderQty;
  else if (maxLevel >= 0) needed = Math.max(maxLevel, point) - projected;
  else needed = point - projected;
  const atLeast = Math.max(needed, moq);
  return pack > 0 ? roundUp(atLeast, pack) : atLeast;
}

function productName(rng: Rng): string {
  const finish = rng.pick(FINISH);
  return `${rng.pick(NOUNS)} ${rng.pick(SPECS)}${finish ? ` ${finish}` : ''}`;
}

/** Runs `fn` in one transaction. */
function inTransaction<T>(sqlite: SQLite.Database, fn: () => T): T {
  sqlite.exec('BEGIN');
  try {
    const result = fn();
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
}

export function insertStockData(
  sqlite: SQLite.Database,
  opts: StockOptions,
): { data: StockData; timings: StockTimings } {
  const rng = makeRng(opts.seed ^ 0x570c);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0x570d).uint32);
  const P = opts.products;
  const start = opts.now - SPAN;
  const timings: StockTimings = { catalog: 0, moves: 0, levels: 0, indexes: 0 };
  const timed = <T>(key: keyof StockTimings, fn: () => T): T => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timings[key] += (performance.now() - t0) / 1000;
    }
  };
  if (!opts.supplierIds.length) throw new Error('the CRM data has no companies with the supplier role');
  const supplierIds = opts.supplierIds.slice(0, opts.maxSuppliers ?? 500);
  const S = supplierIds.length;

  // ── the catalog: products, suppliers, reorder settings ──
  const productIds: string[] = new Array(P);
  const skus: string[] = new Array(P);
  const names: string[] = new Array(P);
  const unit: string[] = new Array(P);
  const salesPriceCents = new Int32Array(P);
  const vatRate = new Uint8Array(P);
  const step = new Float64Array(P);
  const demand = new Float64Array(P);
  const point = new Float64Array(P);
  const maxLevel = new Float64Array(P);
  const reorderQty = new Float64Array(P);
  const supplierOf = new Uint32Array(P);
  const moq = new Float64Array(P);
  const pack = new Float64Array(P);
  let secondSuppliers = 0;
  const catalogAt = start - 30 * DAY;
  const restore = dropIndexes(sqlite, [
    'products',
    'product_suppliers',
    'reorder_settings',
    'stock_levels',
    'stock_moves',
  ]);
  timed('catalog', () =>
    inTransaction(sqlite, () => {
      const insertProduct = sqlite.prepare(
        `INSERT INTO products (id, sku, sku_key, name, name_key, description, unit, sales_price_cents,
           purchase_price_cents, vat_rate, kind, active, created_at, updated_at, version)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 'stock', 1, ?, ?, 1)`,
      );
      const insertSupplier = sqlite.prepare(
        `INSERT INTO product_suppliers (id, product_id, company_id, supplier_sku, purchase_price_cents,
           min_order_qty_milli, pack_size_milli, lead_time_days, preferred, position, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insertReorder = sqlite.prepare(
        `INSERT INTO reorder_settings (product_id, warehouse_id, reorder_point_milli, max_level_milli,
           reorder_qty_milli, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 1)`,
      );
      for (let p = 0; p < P; p++) {
        const at = isoSeconds(catalogAt + Math.floor((p * 29 * DAY) / P));
        const id = uuid(catalogAt + Math.floor((p * 29 * DAY) / P));
        const sku = `ART-${String(p + 1).padStart(6, '0')}`;
        const name = productName(rng);
        const u = rng.next();
        unit[p] = u < 0.85 ? 'C62' : u < 0.95 ? 'KGM' : 'MTR';
        step[p] = unit[p] === 'C62' ? 1000 : 250;
        // a sale takes 1–20 units (log-spread); the reorder point covers 3–8 sales
        const d = Math.max(1, Math.round(Math.exp(rng.next() * Math.log(20)))) * 1000;
        demand[p] = d;
        point[p] = d * rng.between(3, 8);
        if (rng.chance(0.7)) {
          maxLevel[p] = point[p]! + d * rng.between(4, 12);
          reorderQty[p] = -1;
        } else {
          maxLevel[p] = -1;
          reorderQty[p] = d * rng.between(5, 12);
        }
        const purchase = Math.round(Math.exp(Math.log(20) + rng.next() * Math.log(2000)));
        const sales = Math.round(purchase * (1.3 + rng.next()));
        salesPriceCents[p] = sales;
        vatRate[p] = rng.chance(0.9) ? 19 : 7;
        const s = rng.int(S);
        supplierOf[p] = s;
        moq[p] = rng.chance(0.5) ? step[p]! : d * rng.between(1, 4);
        pack[p] = rng.pick([step[p]!, step[p]!, 5000, 10_000, 12_000, 25_000]);
        productIds[p] = id;
        skus[p] = sku;
        names[p] = name;
        insertProduct.run(
          id,
          sku,
          sku.toLowerCase(),
          name,
          name.toLowerCase(),
          unit[p]!,
          sales,
          purchase,
          vatRate[p]!,
          at,
          at,
        );
        insertSupplier.run(
          uuid(catalogAt + p),
          id,
          supplierIds[s]!,
          `L-${rng.between(10_000, 99_999)}`,
          Math.round(purchase * (0.9 + rng.next() * 0.2)),
          moq[p]!,
          pack[p]!,
          rng.between(2, 21),
          1,
          0,
          at,
          at,
        );
        if (S > 1 && rng.chance(0.2)) {
          const other = (s + 1 + rng.int(S - 1)) % S;
          secondSuppliers++;
          insertSupplier.run(
            uuid(catalogAt + p),
            id,
            supplierIds[other]!,
            null,
            Math.round(purchase * (0.95 + rng.next() * 0.2)),
            step[p]!,
            step[p]!,
            rng.between(5, 30),
            0,
            1,
            at,
            at,
          );
        }
        insertReorder.run(
          id,
          opts.warehouseId,
          point[p]!,
          maxLevel[p]! < 0 ? null : maxLevel[p]!,
          reorderQty[p]! < 0 ? null : reorderQty[p]!,
          at,
        );
      }
    }),
  );

  // ── the ledger: a simulation of each product's stock, written in time order ──
  const onHand = new Float64Array(P);
  const reserved = new Float64Array(P);
  const onOrder = new Float64Array(P);
  const started = new Uint8Array(P);
  const lastMove: string[] = new Array(P);
  const movesByKind: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const warehouse = opts.warehouseId;
  const insertMove = sqlite.prepare(
    `INSERT INTO stock_moves (id, product_id, warehouse_id, kind, on_hand_delta_milli, reserved_delta_milli,
       on_order_delta_milli, source_type, source_id, source_line_id, reason, note, dedupe_key, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let written = 0;
  const SOURCE: Record<Kind, string> = {
    count: 'count',
    reservation: 'deal',
    delivery: 'delivery',
    release: 'deal',
    order: 'purchase_order',
    receipt: 'goods_receipt',
    adjustment: 'adjustment',
    order_cancel: 'purchase_order',
  };
  const PREFIX: Partial<Record<Kind, string>> = {
    reservation: 'reserve',
    delivery: 'deliver',
    release: 'release',
    order: 'order',
    receipt: 'receive',
    order_cancel: 'order-cancel',
  };
  const move = (
    p: number,
    at: number,
    kind: Kind,
    dOnHand: number,
    dReserved: number,
    dOnOrder: number,
    reason: string | null = null,
  ) => {
    const id = uuid(at);
    // documents made a little before the move (a deal, an order) sort by time like the moves
    const source = uuid(at - 1);
    const line = PREFIX[kind] ? uuid(at - 1) : null;
    const manual = kind === 'adjustment' || kind === 'count';
    insertMove.run(
      id,
      productIds[p]!,
      warehouse,
      kind,
      dOnHand,
      dReserved,
      dOnOrder,
      SOURCE[kind],
      source,
      line,
      reason,
      kind === 'count' && !started[p] ? 'Anfangsbestand' : null,
      line ? `${PREFIX[kind]}:${source}:${line}` : null,
      manual ? opts.userIds[p % opts.userIds.length]! : null,
      isoSeconds(at),
    );
    onHand[p] = onHand[p]! + dOnHand;
    reserved[p] = reserved[p]! + dReserved;
    onOrder[p] = onOrder[p]! + dOnOrder;
    lastMove[p] = id;
    movesByKind[kind]!++;
    written++;
  };
  const orderFor = (p: number) => {
    const projected = onHand[p]! - reserved[p]! + onOrder[p]!;
    return orderQuantity(projected, point[p]!, maxLevel[p]!, reorderQty[p]!, moq[p]!, pack[p]!);
  };
  /** A sale's quantity: around the product's typical one, in whole steps, at least one step. */
  const saleQty = (p: number) =>
    Math.max(step[p]!, Math.round((demand[p]! * (0.3 + rng.next() * 1.4)) / step[p]!) * step[p]!);

  const simulated = Math.max(P, opts.moves - Math.ceil(P * 0.12));
  timed('moves', () =>
    inTransaction(sqlite, () => {
      for (let i = 0; i < simulated; i++) {
        const at = start + Math.floor((i * (SPAN - DAY)) / simulated);
        // every product gets its opening count first, then random products
        const p = i < P ? i : rng.int(P);
        if (!started[p]) {
          const top = maxLevel[p]! >= 0 ? maxLevel[p]! : point[p]! + reorderQty[p]!;
          move(p, at, 'count', top, 0, 0, null);
          started[p] = 1;
          continue;
        }
        const r = rng.next();
        const available = onHand[p]! - reserved[p]!;
        const projected = available + onOrder[p]!;
        if (onOrder[p]! > 0 && r < 0.25) {
          const q = onOrder[p]!;
          move(p, at, 'receipt', q, 0, -q);
        } else if (reserved[p]! > 0 && r < 0.6) {
          const q = reserved[p]! <= demand[p]! * 2 ? reserved[p]! : roundUp(reserved[p]! / 2, step[p]!);
          if (rng.chance(0.06)) move(p, at, 'release', 0, -q, 0);
          else move(p, at, 'delivery', -q, -q, 0);
        } else if (projected < point[p]! && onOrder[p]! === 0) {
          move(p, at, 'order', 0, 0, orderFor(p));
        } else if (r > 0.985 && available >= step[p]!) {
          move(p, at, 'adjustment', -step[p]!, 0, 0, rng.chance(0.5) ? 'damaged' : 'lost');
        } else if (r > 0.975) {
          move(p, at, 'adjustment', step[p]!, 0, 0, 'found');
        } else if (r > 0.97 && onOrder[p]! > 0) {
          // an order cancelled: the rest taken off order
          move(p, at, 'order_cancel', 0, 0, -onOrder[p]!);
        } else {
          const q = Math.min(saleQty(p), available);
          if (q >= step[p]!) move(p, at, 'reservation', 0, q, 0);
          else if (onOrder[p]! > 0) move(p, at, 'receipt', onOrder[p]!, 0, -onOrder[p]!);
          else move(p, at, 'order', 0, 0, orderFor(p));
        }
      }

      // the last round: belowShare of the products below their reorder point, the rest not
      const share = opts.belowShare ?? 0.02;
      const end = opts.now - DAY;
      let k = 0;
      const when = () => end + Math.floor((k++ * (DAY - 60_000)) / Math.max(1, P * 0.12));
      for (let p = 0; p < P; p++) {
        const below = rng.next() < share;
        const projected = onHand[p]! - reserved[p]! + onOrder[p]!;
        if (below && projected >= point[p]!) {
          // goods arrive, then a sale (or a loss) takes the stock below the point
          if (onOrder[p]! > 0) move(p, when(), 'receipt', onOrder[p]!, 0, -onOrder[p]!);
          const available = onHand[p]! - reserved[p]!;
          const gap = available - point[p]!;
          const q = Math.min(
            available,
            gap + roundUp(rng.between(1, Math.max(1, point[p]! / step[p]!)), 1) * step[p]!,
          );
          if (q > 0) {
            if (rng.chance(0.8)) move(p, when(), 'reservation', 0, q, 0);
            else move(p, when(), 'adjustment', -q, 0, 0, 'damaged');
          }
        } else if (!below && projected < point[p]!) {
          // replenishment ordered, and the order was approved
          move(p, when(), 'order', 0, 0, orderFor(p));
        }
      }
    }),
  );

  // ── the levels: the sums of the moves ──
  const expected: ExpectedOrder[] = [];
  const levelsAt = isoSeconds(opts.now - 60_000);
  timed('levels', () =>
    inTransaction(sqlite, () => {
      const insertLevel = sqlite.prepare(
        `INSERT INTO stock_levels (product_id, warehouse_id, on_hand_milli, reserved_milli, on_order_milli,
           last_move_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      for (let p = 0; p < P; p++) {
        insertLevel.run(
          productIds[p]!,
          warehouse,
          onHand[p]!,
          reserved[p]!,
          onOrder[p]!,
          lastMove[p]!,
          levelsAt,
        );
        const projected = onHand[p]! - reserved[p]! + onOrder[p]!;
        if (projected < point[p]!)
          expected.push({ product: p, supplier: supplierOf[p]!, quantityMilli: orderFor(p) });
      }
    }),
  );
  timed('indexes', () => inTransaction(sqlite, restore));

  return {
    data: {
      products: P,
      moves: written,
      suppliers: new Set(supplierOf).size,
      secondSuppliers,
      warehouseId: warehouse,
      productIds,
      skus,
      names,
      unit,
      salesPriceCents,
      vatRate,
      onHand,
      reserved,
      onOrder,
      reorderPoint: point,
      supplierOf,
      supplierIds,
      expected,
      movesByKind,
      demand,
      step,
    },
    timings,
  };
}

// ─── open deals with product lines, to be won in row (13) ──────────────────────────────────────

export interface BenchDeals {
  ids: string[];
  lines: number;
  /** Lines whose reservation takes the product below its reorder point (replenishment writes a line). */
  crossing: number;
}

/**
 * `count` open deals in the "Verhandlung" stage of the default pipeline, each with `linesPerDeal`
 * lines of different stock-tracked products (quantities that the stock available covers, summed
 * over all the deals, so that no win is refused), the sales price and VAT of the product; amount =
 * the sum of the line nets. Written like the CRM deals (deal, lines, one stage-history entry).
 */
export function insertBenchDeals(
  sqlite: SQLite.Database,
  stock: StockData,
  opts: {
    count: number;
    linesPerDeal: number;
    seed: number;
    now: number;
    companyIds: readonly string[];
    ownerId: string;
  },
): BenchDeals {
  const rng = makeRng(opts.seed ^ 0xd1a1);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0xd1a2).uint32);
  const stage = DEFAULT_STAGES.find((s) => s.name === 'Verhandlung')!;
  const P = stock.products;
  const taken = new Float64Array(P);
  const ids: string[] = [];
  let lines = 0;
  let crossing = 0;
  const insertDeal = sqlite.prepare(
    `INSERT INTO deals (id, title, company_id, contact_id, owner_id, team_id, source, expected_close_date, currency,
       pipeline_id, stage_id, status, amount_cents, has_lines, stage_entered_at, won_at, lost_at, closed_at,
       lost_reason, lost_reason_id, created_by, created_at, updated_at, version)
     VALUES (?, ?, ?, NULL, ?, NULL, 'other', ?, 'EUR', ?, ?, 'open', ?, 1, ?, NULL, NULL, NULL, NULL, NULL, ?, ?, ?, 1)`,
  );
  const insertLine = sqlite.prepare(
    `INSERT INTO deal_lines (id, deal_id, position, product_id, description, quantity_milli, unit_price_cents,
       discount_bp, vat_rate, net_cents) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertHistory = sqlite.prepare(
    `INSERT INTO deal_stage_history (id, deal_id, pipeline_id, from_stage_id, to_stage_id, changed_by, changed_at,
       amount_cents, deal_created_at, first_entry, advanced, left_at, stay_seconds)
     VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, 1, 0, NULL, NULL)`,
  );
  const closeDate = new Date(opts.now + 14 * DAY).toISOString().slice(0, 10);
  inTransaction(sqlite, () => {
    for (let d = 0; d < opts.count; d++) {
      const createdMs = opts.now - 3 * DAY + d * 1000;
      const id = uuid(createdMs);
      const at = isoSeconds(createdMs);
      const chosen = new Set<number>();
      const dealLines: unknown[][] = [];
      let amount = 0;
      for (let tries = 0; chosen.size < opts.linesPerDeal && tries < opts.linesPerDeal * 50; tries++) {
        const p = rng.int(P);
        if (chosen.has(p)) continue;
        const available = stock.onHand[p]! - stock.reserved[p]! - taken[p]!;
        const unitStep = stock.step[p]!;
        const q = Math.min(
          available,
          Math.max(unitStep, Math.round((stock.demand[p]! * (0.3 + rng.next())) / unitStep) * unitStep),
        );
        if (q < unitStep) continue;
        chosen.add(p);
        const projected = stock.onHand[p]! - stock.reserved[p]! - taken[p]! + stock.onOrder[p]!;
        if (projected >= stock.reorderPoint[p]! && projected - q < stock.reorderPoint[p]!) crossing++;
        taken[p] = taken[p]! + q;
        const net = lineNetCents(q, stock.salesPriceCents[p]!, 0);
        amount += net;
        dealLines.push([
          uuid(createdMs),
          id,
          dealLines.length,
          stock.productIds[p]!,
          `${stock.skus[p]} ${stock.names[p]}`,
          q,
          stock.salesPriceCents[p]!,
          stock.vatRate[p]!,
          net,
        ]);
      }
      const company = opts.companyIds[rng.int(opts.companyIds.length)]!;
      insertDeal.run(
        id,
        `Bench-Auftrag ${d + 1}: ${dealLines.length} Artikel`,
        company,
        opts.ownerId,
        closeDate,
        DEFAULT_PIPELINE_ID,
        stage.id,
        amount,
        at,
        opts.ownerId,
        at,
        at,
      );
      for (const l of dealLines) insertLine.run(l);
      insertHistory.run(uuid(createdMs), id, DEFAULT_PIPELINE_ID, stage.id, opts.ownerId, at, amount, at);
      ids.push(id);
      lines += dealLines.length;
    }
  });
  // winning the deals reserves what they take: later deals fit the stock that is left
  for (let p = 0; p < P; p++) stock.reserved[p] = stock.reserved[p]! + taken[p]!;
  return { ids, lines, crossing };
}

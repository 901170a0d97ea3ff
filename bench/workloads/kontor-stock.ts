import Database from 'better-sqlite3';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { runReplenishmentPass } from '../../server/src/domains/purchasing/replenishment.pass';
import { winDeal } from '../../server/src/domains/sales';
import type { Actor } from '../../server/src/platform/actor';
import type { AppContext, DrainResult } from '../../server/src/platform/context';
import { openSqlite } from '../../server/src/platform/db/database';
import type { CrmData } from '../generators/crm';
import {
  type BenchDeals,
  insertBenchDeals,
  insertStockData,
  type StockData,
  type StockTimings,
} from '../generators/stock';
import { BENCH_ADMIN_EMAIL } from '../generators/users';
import { profiled } from '../support/profile';
import type { ResultRow } from '../support/report';
import { benchContext } from './kontor-billing';

/** Issue 6 item 8: 100,000 products and 10 million stock moves for the default BENCH_ROWS (1,000,000). */
export const PRODUCTS_PER_ROW = 0.1;
export const MOVES_PER_ROW = 10;
/** Deals won in (13) (measured), after WARMUP_DEALS unmeasured ones; 20 product lines each. */
export const WIN_DEALS = 250;
export const WARMUP_DEALS = 10;
export const LINES_PER_DEAL = 20;
/** Share of products below their reorder point in the data (what (14) finds). */
export const BELOW_SHARE = 0.02;

export interface StockDatabase {
  data: StockData;
  timings: StockTimings;
  seconds: number;
  now: number;
}

const n = new Intl.NumberFormat('en-US');

/**
 * (s): the stock data (generators/stock.ts) written into the bench database the way the CRM data
 * is (rollback journal, `synchronous = OFF`, a 2 GB page cache; WAL again afterwards). Suppliers are
 * the CRM data's companies with the supplier role; adjustments and counts are made by its users.
 */
export function loadStockDatabase(
  file: string,
  opts: { rows: number; seed: number; userIds: readonly string[] },
): StockDatabase {
  const sqlite = openSqlite(file);
  const now = Date.now();
  try {
    sqlite.pragma('journal_mode = DELETE');
    sqlite.pragma('synchronous = OFF');
    sqlite.pragma('cache_size = -2000000');
    sqlite.pragma('temp_store = MEMORY');
    const supplierIds = (
      sqlite
        .prepare(
          `SELECT id FROM companies WHERE role_supplier = 1 AND merged_into_id IS NULL ORDER BY id LIMIT 500`,
        )
        .all() as { id: string }[]
    ).map((r) => r.id);
    const warehouse = sqlite.prepare(`SELECT id FROM warehouses WHERE is_default = 1`).get() as
      | { id: string }
      | undefined;
    if (!warehouse) throw new Error('the bench database has no default warehouse (migration 0100)');
    const t0 = performance.now();
    const { data, timings } = insertStockData(sqlite, {
      products: Math.max(100, Math.round(opts.rows * PRODUCTS_PER_ROW)),
      moves: Math.max(1000, Math.round(opts.rows * MOVES_PER_ROW)),
      seed: opts.seed,
      now,
      warehouseId: warehouse.id,
      supplierIds,
      userIds: opts.userIds,
      belowShare: BELOW_SHARE,
    });
    return { data, timings, seconds: (performance.now() - t0) / 1000, now };
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.close();
  }
}

async function adminActor(ctx: AppContext): Promise<Actor> {
  const admin = await ctx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('email', '=', BENCH_ADMIN_EMAIL)
    .executeTakeFirstOrThrow();
  return { userId: admin.id, name: admin.name, role: 'admin', teamIds: [], origin: null };
}

/** Counts the queries Kysely runs (every query of the domains goes through `ctx.db`). */
function countingPlugin(): KyselyPlugin & { count: number } {
  return {
    count: 0,
    transformQuery(args: PluginTransformQueryArgs) {
      this.count++;
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs) {
      return args.result;
    },
  };
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;

// ─── (p) and (14): the full replenishment pass against a raw SQL pass ──────────────────────────

/**
 * The raw counterpart of a replenishment pass: one SELECT over reorder_settings ⋈ products ⋈
 * stock_levels ⋈ the preferred supplier that finds the products below their reorder point and
 * computes what to order (the same rule: up to the maximum level, or the reorder quantity as often
 * as needed; at least the minimum order quantity; whole packs), in integers.
 */
const RAW_BELOW_SQL = `
WITH below AS (
  SELECT rs.product_id, p.name, p.vat_rate, ps.company_id AS supplier_id, ps.supplier_sku,
         coalesce(ps.purchase_price_cents, p.purchase_price_cents, 0) AS price,
         coalesce(sl.on_hand_milli, 0) AS on_hand, coalesce(sl.reserved_milli, 0) AS reserved,
         coalesce(sl.on_order_milli, 0) AS on_order,
         coalesce(sl.on_hand_milli, 0) - coalesce(sl.reserved_milli, 0) + coalesce(sl.on_order_milli, 0) AS projected,
         rs.reorder_point_milli AS point, rs.max_level_milli AS max_level, rs.reorder_qty_milli AS reorder_qty,
         ps.min_order_qty_milli AS moq, ps.pack_size_milli AS pack, ps.lead_time_days AS lead_time
    FROM reorder_settings rs
    JOIN products p ON p.id = rs.product_id AND p.kind = 'stock' AND p.active = 1
    JOIN product_suppliers ps ON ps.product_id = rs.product_id AND ps.preferred = 1
    LEFT JOIN stock_levels sl ON sl.product_id = rs.product_id AND sl.warehouse_id = rs.warehouse_id
   WHERE rs.warehouse_id = ?
     AND coalesce(sl.on_hand_milli, 0) - coalesce(sl.reserved_milli, 0) + coalesce(sl.on_order_milli, 0) < rs.reorder_point_milli
), needed AS (
  SELECT *, CASE
      WHEN reorder_qty > 0 AND max_level IS NULL THEN ((point - projected + reorder_qty - 1) / reorder_qty) * reorder_qty
      WHEN max_level IS NOT NULL THEN max(max_level, point) - projected
      ELSE point - projected END AS needed
    FROM below
)
SELECT *, CASE WHEN pack > 0 THEN ((max(needed, moq) + pack - 1) / pack) * pack ELSE max(needed, moq) END AS quantity
  FROM needed ORDER BY supplier_id, product_id`;

interface RawBelowRow {
  product_id: string;
  name: string;
  vat_rate: number;
  supplier_id: string;
  supplier_sku: string | null;
  price: number;
  on_hand: number;
  reserved: number;
  on_order: number;
  projected: number;
  point: number;
  max_level: number | null;
  reorder_qty: number | null;
  moq: number;
  pack: number;
  lead_time: number;
  needed: number;
  quantity: number;
}

/**
 * One raw pass on its own connection: the SELECT, then one draft per supplier and its lines (with
 * an explanation JSON of the same fields as Kontor's) in one transaction. Returns its time and the
 * quantities it wrote; the rows are deleted afterwards (not timed), so the next pass starts alike.
 */
function rawPass(file: string, warehouseId: string, run: number) {
  const sqlite = openSqlite(file);
  try {
    const select = sqlite.prepare(RAW_BELOW_SQL);
    const insertOrder = sqlite.prepare(
      `INSERT INTO purchase_orders (id, number, supplier_id, warehouse_id, status, origin, currency, net_cents,
         expected_date, note, approved_by, approved_at, sent_at, sent_to, received_at, cancelled_at, cancel_reason,
         follow_up_raised_at, created_by, created_at, updated_at, version)
       VALUES (?, ?, ?, ?, 'draft', 'replenishment', 'EUR', ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, ?, ?, 1)`,
    );
    const insertLine = sqlite.prepare(
      `INSERT INTO purchase_order_lines (id, purchase_order_id, position, product_id, supplier_sku, description,
         quantity_milli, received_milli, unit_price_cents, net_cents, vat_rate, origin, explanation, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 'replenishment', ?, ?, ?)`,
    );
    const t0 = performance.now();
    const quantities = new Map<string, number>();
    let orders = 0;
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const rows = select.all(warehouseId) as RawBelowRow[];
      const now = new Date().toISOString();
      let k = 0;
      for (let i = 0; i < rows.length; ) {
        const supplier = rows[i]!.supplier_id;
        const orderId = `raw-${run}-${String(orders).padStart(8, '0')}`;
        let end = i;
        let net = 0;
        for (; end < rows.length && rows[end]!.supplier_id === supplier; end++) {
          net += Math.round((rows[end]!.quantity * rows[end]!.price) / 1000);
        }
        insertOrder.run(
          orderId,
          `RAW-${run}-${String(orders).padStart(6, '0')}`,
          supplier,
          warehouseId,
          net,
          now,
          now,
        );
        orders++;
        let position = 0;
        for (; i < end; i++) {
          const r = rows[i]!;
          const lineNet = Math.round((r.quantity * r.price) / 1000);
          const explanation = JSON.stringify({
            warehouseId,
            onHand: r.on_hand / 1000,
            reserved: r.reserved / 1000,
            onOrder: r.on_order / 1000,
            pipelineDemand: 0,
            projected: r.projected / 1000,
            reorderPoint: r.point / 1000,
            maxLevel: r.max_level === null ? null : r.max_level / 1000,
            reorderQty: r.reorder_qty === null ? null : r.reorder_qty / 1000,
            needed: r.needed / 1000,
            minOrderQty: r.moq / 1000,
            packSize: r.pack / 1000,
            quantity: r.quantity / 1000,
            leadTimeDays: r.lead_time,
            causes: [],
            computedAt: now,
            summary: `Projected ${r.projected / 1000} < reorder point ${r.point / 1000}: order ${r.quantity / 1000}`,
          });
          insertLine.run(
            `${orderId}-${String(k++).padStart(8, '0')}`,
            orderId,
            position++,
            r.product_id,
            r.supplier_sku,
            r.name,
            r.quantity,
            r.price,
            lineNet,
            r.vat_rate,
            explanation,
            now,
            now,
          );
          quantities.set(r.product_id, r.quantity);
        }
      }
      sqlite.exec('COMMIT');
    } catch (err) {
      sqlite.exec('ROLLBACK');
      throw err;
    }
    const ms = performance.now() - t0;
    // not timed: the raw drafts go again
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite
      .prepare(
        `DELETE FROM purchase_order_lines WHERE purchase_order_id IN (SELECT id FROM purchase_orders WHERE number LIKE 'RAW-%')`,
      )
      .run();
    sqlite.prepare(`DELETE FROM purchase_orders WHERE number LIKE 'RAW-%'`).run();
    sqlite.exec('COMMIT');
    return { ms, quantities, orders };
  } finally {
    sqlite.close();
  }
}

export interface ReplenishmentComparison {
  products: number;
  expectedLines: number;
  rawMs: number[];
  rawLines: number;
  rawOrders: number;
  kontorMs: number;
  checked: number;
  linesWritten: number;
  orders: number;
  queries: number;
  /** Lines whose product or quantity differ from what the generator computed. */
  mismatches: number;
}

/** Compares product → quantity maps; returns how many entries differ (missing, extra, other quantity). */
function differences(expected: ReadonlyMap<string, number>, got: ReadonlyMap<string, number>): number {
  let diff = 0;
  for (const [id, q] of expected) if (got.get(id) !== q) diff++;
  for (const id of got.keys()) if (!expected.has(id)) diff++;
  return diff;
}

/**
 * (p) then (14), with the server stopped (its nightly job would run the pass itself): the raw pass
 * `runs` times (median), then the purchasing domain's `runReplenishmentPass` (what POST
 * /api/replenishment/run and the nightly job `purchasing.replenishment` run) once, in this process
 * on Kontor's database layer, timed from call to return. Both must write a line for exactly the
 * products the generator left below their reorder point, with the quantities it computed.
 */
export async function replenishmentVersusRaw(
  dir: string,
  file: string,
  stock: StockDatabase,
  runs = 3,
): Promise<ReplenishmentComparison> {
  const d = stock.data;
  const expected = new Map(d.expected.map((e) => [d.productIds[e.product]!, e.quantityMilli]));
  const rawMs: number[] = [];
  let raw: ReturnType<typeof rawPass> | null = null;
  for (let i = 0; i < runs; i++) {
    raw = rawPass(file, d.warehouseId, i);
    rawMs.push(raw.ms);
  }
  const rawDiff = differences(expected, raw!.quantities);
  if (rawDiff) {
    throw new Error(
      `the raw pass found ${raw!.quantities.size} products below their reorder point, ${rawDiff} differ from the ${expected.size} the generator left there`,
    );
  }

  const ctx = await benchContext(dir, file, null);
  try {
    const actor = await adminActor(ctx);
    const counter = countingPlugin();
    ctx.db = ctx.db.withPlugin(counter);
    const t0 = performance.now();
    const result = await profiled('replenishment-pass', () =>
      runReplenishmentPass(ctx, actor, { warehouseId: d.warehouseId }),
    );
    const kontorMs = performance.now() - t0;
    const lines = await ctx.db
      .selectFrom('purchase_order_lines as l')
      .innerJoin('purchase_orders as o', 'o.id', 'l.purchase_order_id')
      .select(['l.product_id', 'l.quantity_milli'])
      .where('o.status', '=', 'draft')
      .where('l.origin', '=', 'replenishment')
      .execute();
    const got = new Map(lines.map((l) => [l.product_id, Number(l.quantity_milli)]));
    return {
      products: d.products,
      expectedLines: expected.size,
      rawMs,
      rawLines: raw!.quantities.size,
      rawOrders: raw!.orders,
      kontorMs,
      checked: result.checked,
      linesWritten: result.linesWritten,
      orders: result.purchaseOrderIds.length,
      queries: counter.count,
      mismatches: differences(expected, got),
    };
  } finally {
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

// ─── (13): winning deals with 20 product lines, reservation and replenishment included ─────────

export interface WinMeasurement {
  /** `in-process`: winDeal + drain() in the bench; `http`: POST /api/deals/:id/win, the server's dispatcher. */
  path: 'in-process' | 'http';
  deals: number;
  warmup: number;
  lines: number;
  /** Per measured deal, ms: from the win until its events are delivered and the outbox is empty. */
  totalMs: number[];
  /** The win itself (winDeal, or the request until its response). */
  winMs: number[];
  /** After the win until nothing is left to deliver. */
  deliveryMs: number[];
  /** In process: queries per deal (win and deliveries). */
  queriesPerDeal: number[];
  /** In process: what drain() did. */
  deliveries: DrainResult | null;
  /** In process: mean time per deal in each subscriber's handler (ms). */
  handlerMsPerDeal: Record<string, number>;
  /** Deliveries of the deals' events that are not done (failed, retrying, dead). */
  failedDeliveries: number;
  doneDeliveries: number;
  /** Deals without an open reservation of all their lines afterwards. */
  unreserved: number;
  reservationLines: number;
  replenishmentLinesBefore: number;
  replenishmentLinesAfter: number;
  /** Lines whose reservation took their product below its reorder point (as generated). */
  crossing: number;
  /** Products of the deals whose level differs from the sum of their moves afterwards. */
  inconsistentLevels: number;
  subscribers: { dealWon: string[]; stockChanged: string[] };
}

function countReplenishmentLines(sqlite: Database.Database): number {
  return (
    sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM purchase_order_lines l JOIN purchase_orders o ON o.id = l.purchase_order_id
          WHERE o.status = 'draft' AND l.origin = 'replenishment'`,
      )
      .get() as { n: number }
  ).n;
}

/**
 * Adds `warmup + count` open deals with LINES_PER_DEAL product lines each to the database (not
 * timed); the stock they take is counted as reserved in `stock` (what winning them does), so that
 * later deals fit the stock that is left.
 */
function addDeals(file: string, stock: StockDatabase, crm: CrmData, seed: number, count: number): BenchDeals {
  const sqlite = openSqlite(file);
  try {
    const admin = sqlite.prepare(`SELECT id FROM users WHERE email = ?`).get(BENCH_ADMIN_EMAIL) as {
      id: string;
    };
    const deals = insertBenchDeals(sqlite, stock.data, {
      count,
      linesPerDeal: LINES_PER_DEAL,
      seed,
      now: Date.now(),
      companyIds: crm.companyIds,
      ownerId: admin.id,
    });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return deals;
  } finally {
    sqlite.close();
  }
}

/** What the wins did: a reservation of every line, deliveries done, levels = the sums of their moves. */
function verifyWins(sqlite: Database.Database, dealIds: readonly string[], since: string) {
  const ids = JSON.stringify(dealIds);
  const reserved = sqlite
    .prepare(
      `SELECT r.deal_id, COUNT(l.id) AS lines FROM stock_reservations r
         LEFT JOIN stock_reservation_lines l ON l.reservation_id = r.id
        WHERE r.status = 'open' AND r.deal_id IN (SELECT value FROM json_each(?)) GROUP BY r.deal_id`,
    )
    .all(ids) as { deal_id: string; lines: number }[];
  const dealLines = sqlite
    .prepare(
      `SELECT deal_id, COUNT(*) AS lines FROM deal_lines WHERE deal_id IN (SELECT value FROM json_each(?)) GROUP BY deal_id`,
    )
    .all(ids) as { deal_id: string; lines: number }[];
  const linesOf = new Map(reserved.map((r) => [r.deal_id, r.lines]));
  const inconsistent = sqlite
    .prepare(
      `WITH touched AS (SELECT DISTINCT product_id FROM deal_lines WHERE deal_id IN (SELECT value FROM json_each(?))),
            sums AS (SELECT m.product_id, m.warehouse_id, SUM(m.on_hand_delta_milli) AS on_hand,
                            SUM(m.reserved_delta_milli) AS reserved, SUM(m.on_order_delta_milli) AS on_order
                       FROM stock_moves m JOIN touched t ON t.product_id = m.product_id
                      GROUP BY m.product_id, m.warehouse_id)
       SELECT COUNT(*) AS n FROM sums s
         LEFT JOIN stock_levels l ON l.product_id = s.product_id AND l.warehouse_id = s.warehouse_id
        WHERE l.product_id IS NULL OR l.on_hand_milli <> s.on_hand OR l.reserved_milli <> s.reserved
           OR l.on_order_milli <> s.on_order`,
    )
    .get(ids) as { n: number };
  // every delivery of an event raised since the first deal's win (the deals' and what followed)
  const deliveries = sqlite
    .prepare(`SELECT status, COUNT(*) AS n FROM event_deliveries WHERE created_at >= ? GROUP BY status`)
    .all(since) as { status: string; n: number }[];
  return {
    unreserved: dealLines.filter((d) => linesOf.get(d.deal_id) !== d.lines).length,
    reservationLines: reserved.reduce((s, r) => s + r.lines, 0),
    inconsistentLevels: inconsistent.n,
    doneDeliveries: deliveries.find((d) => d.status === 'done')?.n ?? 0,
    failedDeliveries: deliveries.filter((d) => d.status !== 'done').reduce((s, d) => s + d.n, 0),
    replenishmentLinesAfter: countReplenishmentLines(sqlite),
  };
}

/**
 * (13), with the server stopped (its dispatcher would deliver the events itself): `warmup + deals`
 * open deals with LINES_PER_DEAL product lines each are added to the database (not timed), then won
 * one after another in this process: the sales domain's `winDeal` (what POST /api/deals/:id/win
 * calls: the win checks, the stage change, `deal.won` in the outbox), then the delivery of the
 * events it raised until the outbox is empty — the dispatcher's `drain()`, what the server's
 * dispatcher runs when the request's response kicks it: inventory's reservation on `deal.won`
 * (ledger moves, `stock.changed`), purchasing's replenishment check on `stock.changed` (draft lines),
 * and every other subscriber of those events. Timed together per deal.
 */
export async function winDealsInProcess(
  dir: string,
  file: string,
  stock: StockDatabase,
  crm: CrmData,
  opts: { seed: number; deals?: number; warmup?: number },
): Promise<WinMeasurement> {
  const count = opts.deals ?? WIN_DEALS;
  const warmup = opts.warmup ?? WARMUP_DEALS;
  const deals = addDeals(file, stock, crm, opts.seed, warmup + count);
  const ctx = await benchContext(dir, file, null);
  const check = new Database(file, { readonly: true });
  try {
    check.pragma('busy_timeout = 5000');
    const actor = await adminActor(ctx);
    const subscribers = {
      dealWon: ctx.events.forType('deal.won').map((s) => s.name),
      stockChanged: ctx.events.forType('stock.changed').map((s) => s.name),
    };
    // whatever waits in the outbox is delivered before the clock runs
    await ctx.dispatcher.drain();
    const replenishmentLinesBefore = countReplenishmentLines(check);
    const since = new Date().toISOString();
    const counter = countingPlugin();
    ctx.db = ctx.db.withPlugin(counter);
    // time spent in each subscriber's handler (its transaction's commit not included)
    const handlerMs = new Map<string, number>();
    for (const sub of ctx.events.all()) {
      const timed =
        <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
        async (...args: A) => {
          const t = performance.now();
          try {
            await fn(...args);
          } finally {
            handlerMs.set(sub.name, (handlerMs.get(sub.name) ?? 0) + performance.now() - t);
          }
        };
      sub.handler = timed(sub.handler);
      if (sub.batch) sub.batch = timed(sub.batch);
    }
    const totalMs: number[] = [];
    const winMs: number[] = [];
    const deliveryMs: number[] = [];
    const queriesPerDeal: number[] = [];
    const deliveries: DrainResult = { relayed: 0, done: 0, retrying: 0, dead: 0 };
    await profiled('win-deals', async () => {
      for (const [i, id] of deals.ids.entries()) {
        const q0 = counter.count;
        const t0 = performance.now();
        await winDeal(ctx, actor, id, { version: 1 });
        const t1 = performance.now();
        const r = await ctx.dispatcher.drain();
        const t2 = performance.now();
        deliveries.relayed += r.relayed;
        deliveries.done += r.done;
        deliveries.retrying += r.retrying;
        deliveries.dead += r.dead;
        if (i < warmup) {
          if (i === warmup - 1) handlerMs.clear();
          continue;
        }
        totalMs.push(t2 - t0);
        winMs.push(t1 - t0);
        deliveryMs.push(t2 - t1);
        queriesPerDeal.push(counter.count - q0);
      }
    });
    return {
      path: 'in-process',
      deals: count,
      warmup,
      lines: deals.lines,
      totalMs,
      winMs,
      deliveryMs,
      queriesPerDeal,
      deliveries,
      handlerMsPerDeal: Object.fromEntries([...handlerMs].map(([k, v]) => [k, v / count])),
      replenishmentLinesBefore,
      crossing: deals.crossing,
      subscribers,
      ...verifyWins(check, deals.ids, since),
    };
  } finally {
    check.close();
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

/**
 * (13h), through the running server: more deals like (13) (not timed), won one after another with
 * `POST /api/deals/:id/win` (session cookie and CSRF token of the admin); after each response the
 * bench watches the database on its own read-only connection until the server's own dispatcher
 * (kicked by the response) has relayed every outbox event and run every delivery — the same
 * reservation and replenishment, now in the server process. Timed from the request until then, per
 * deal; the watching looks once a millisecond or so.
 */
export async function winDealsThroughServer(
  baseUrl: string,
  session: { cookie: string; csrfToken: string },
  file: string,
  stock: StockDatabase,
  crm: CrmData,
  opts: { seed: number; deals?: number; warmup?: number },
): Promise<WinMeasurement> {
  const count = opts.deals ?? WIN_DEALS;
  const warmup = opts.warmup ?? WARMUP_DEALS;
  const deals = addDeals(file, stock, crm, opts.seed ^ 0x4774, warmup + count);
  const check = new Database(file, { readonly: true });
  try {
    check.pragma('busy_timeout = 5000');
    const busy = check.prepare(
      `SELECT EXISTS (SELECT 1 FROM outbox WHERE dispatched_at IS NULL)
           OR EXISTS (SELECT 1 FROM event_deliveries WHERE status = 'pending' AND next_attempt_at <= ?) AS busy`,
    );
    const isBusy = () => (busy.get(new Date(Date.now() + 1000).toISOString()) as { busy: number }).busy === 1;
    const idle = async (limitMs: number) => {
      const end = performance.now() + limitMs;
      while (isBusy()) {
        if (performance.now() > end)
          throw new Error(`the server's dispatcher did not finish within ${limitMs} ms`);
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    await idle(60_000);
    const replenishmentLinesBefore = countReplenishmentLines(check);
    const since = new Date().toISOString();
    const headers = {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    };
    const totalMs: number[] = [];
    const winMs: number[] = [];
    const deliveryMs: number[] = [];
    for (const [i, id] of deals.ids.entries()) {
      const t0 = performance.now();
      const res = await fetch(`${baseUrl}/api/deals/${id}/win`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ version: 1 }),
      });
      const body = await res.text();
      const t1 = performance.now();
      if (!res.ok) throw new Error(`POST /api/deals/:id/win answered ${res.status}: ${body.slice(0, 300)}`);
      await idle(10_000);
      const t2 = performance.now();
      if (i < warmup) continue;
      totalMs.push(t2 - t0);
      winMs.push(t1 - t0);
      deliveryMs.push(t2 - t1);
    }
    return {
      path: 'http',
      deals: count,
      warmup,
      lines: deals.lines,
      totalMs,
      winMs,
      deliveryMs,
      queriesPerDeal: [],
      deliveries: null,
      handlerMsPerDeal: {},
      replenishmentLinesBefore,
      crossing: deals.crossing,
      subscribers: { dealWon: [], stockChanged: [] },
      ...verifyWins(check, deals.ids, since),
    };
  } finally {
    check.close();
  }
}

// ─── rows and targets for run.ts ────────────────────────────────────────────────────────────────

export function stockDataRow(s: StockDatabase): ResultRow {
  const d = s.data;
  const t = s.timings;
  const rows = d.products * 3 + d.secondSuppliers + d.moves + d.products;
  const kinds = Object.entries(d.movesByKind)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${n.format(v)}`)
    .join(', ');
  return {
    id: '(s)',
    workload: `stock data: ${n.format(d.products)} products (reorder settings, preferred supplier), ${n.format(d.moves)} stock moves, levels`,
    kind: 'kontor',
    unit: 'rows/s',
    value: rows / s.seconds,
    baselineId: '(b)',
    note: `${n.format(rows)} rows in ${s.seconds.toFixed(1)} s: catalog ${t.catalog.toFixed(1)} s, moves ${t.moves.toFixed(1)} s, levels ${t.levels.toFixed(1)} s, secondary indexes ${t.indexes.toFixed(1)} s; moves: ${kinds}; ${n.format(d.suppliers)} suppliers (${n.format(d.secondSuppliers)} products with a second one); ${n.format(d.expected.length)} products below their reorder point (${((d.expected.length / d.products) * 100).toFixed(1)} %)`,
  };
}

export function replenishmentRows(r: ReplenishmentComparison): ResultRow[] {
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
  const raw = [...r.rawMs].sort((a, b) => a - b)[Math.floor(r.rawMs.length / 2)]!;
  return [
    {
      id: '(p)',
      workload: `better-sqlite3 replenishment pass: one SELECT over ${n.format(r.products)} products (levels ⋈ reorder settings ⋈ preferred supplier) + ${n.format(r.rawLines)} draft lines in ${n.format(r.rawOrders)} drafts, 1 transaction (products/s), median of ${r.rawMs.length}`,
      kind: 'baseline',
      unit: 'rows/s',
      value: r.products / (raw / 1000),
      note: `runs ${list(r.rawMs)} ms`,
    },
    {
      id: '(14)',
      workload: `replenishment pass over ${n.format(r.products)} products (runReplenishmentPass, products/s)`,
      kind: 'kontor',
      unit: 'rows/s',
      value: r.products / (r.kontorMs / 1000),
      baselineId: '(p)',
      ...(r.mismatches || r.linesWritten !== r.expectedLines ? { failures: r.mismatches || 1 } : {}),
      note: `${r.kontorMs.toFixed(0)} ms: ${n.format(r.checked)} products checked, ${n.format(r.linesWritten)} lines written in ${n.format(r.orders)} drafts (expected ${n.format(r.expectedLines)}${r.mismatches ? `, ${n.format(r.mismatches)} products with a missing, extra or different line` : ', all with the generator’s quantities'}); ${n.format(r.queries)} queries`,
    },
  ];
}

export function winRow(w: WinMeasurement): ResultRow {
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const total = sorted(w.totalMs);
  const win = sorted(w.winMs);
  const delivery = sorted(w.deliveryMs);
  const queries = sorted(w.queriesPerDeal);
  const inProcess = w.path === 'in-process';
  const missing: string[] = [];
  if (inProcess && !w.subscribers.dealWon.some((s) => s.startsWith('inventory.')))
    missing.push('no inventory subscriber of deal.won is registered');
  if (inProcess && !w.subscribers.stockChanged.some((s) => s.startsWith('purchasing.')))
    missing.push('no purchasing subscriber of stock.changed is registered');
  if (w.unreserved) missing.push(`${n.format(w.unreserved)} deals without a reservation of all their lines`);
  if (w.failedDeliveries) missing.push(`${n.format(w.failedDeliveries)} deliveries not done`);
  if (w.inconsistentLevels) missing.push(`${w.inconsistentLevels} stock levels differ from their moves`);
  const f = (x: number) => x.toFixed(1);
  const spread = (xs: number[]) =>
    `${f(percentile(xs, 50))} / ${f(percentile(xs, 95))} / ${f(percentile(xs, 99))} / ${f(xs[xs.length - 1] ?? 0)}`;
  const parts = [
    `median / p95 / p99 / max: ${inProcess ? 'winDeal' : 'request → response'} ${spread(win)} ms, ${inProcess ? 'drain()' : 'then until the server delivered everything'} ${spread(delivery)} ms, together ${spread(total)} ms`,
    ...(inProcess
      ? [
          `${percentile(queries, 50)} queries per deal (median; max ${queries[queries.length - 1]})`,
          `mean ms per deal in the handlers: ${Object.entries(w.handlerMsPerDeal)
            .filter(([, v]) => v > 0.005)
            .map(([k, v]) => `${k} ${v.toFixed(2)}`)
            .join(', ')}`,
        ]
      : []),
    `${n.format(w.doneDeliveries)} deliveries done`,
    `${n.format(w.reservationLines)} reservation lines for ${n.format(w.deals + w.warmup)} deals`,
    `draft replenishment lines ${n.format(w.replenishmentLinesBefore)} → ${n.format(w.replenishmentLinesAfter)} (${n.format(w.crossing)} deal lines took their product below its reorder point)`,
    `${w.warmup} unmeasured deals first`,
  ];
  return {
    id: inProcess ? '(13)' : '(13h)',
    workload: inProcess
      ? `win a deal with ${LINES_PER_DEAL} product lines + reservation + replenishment (winDeal + drain(), in process), ${n.format(w.deals)} deals one after another`
      : `  the same through the server: POST /api/deals/:id/win until its dispatcher delivered everything, ${n.format(w.deals)} deals`,
    kind: 'kontor',
    unit: 'ms',
    value: percentile(total, 50),
    p95Ms: percentile(total, 95),
    p99Ms: percentile(total, 99),
    ...(missing.length ? { failures: Math.max(1, w.unreserved) } : {}),
    note: `${missing.length ? `NOT THE WHOLE PATH: ${missing.join('; ')}. ` : ''}${parts.join('; ')}`,
  };
}

interface StockTarget {
  row: string;
  goal: string;
  check(row: ResultRow): boolean;
  detail(row: ResultRow): string;
}

const pct = (ratio: number | undefined) => (ratio === undefined ? '?' : `${(ratio * 100).toFixed(0)} %`);

/** Issue 6's targets (item 8), checked like the others in run.ts. */
export const STOCK_TARGETS: StockTarget[] = [
  {
    row: '(13)',
    goal: 'winning a deal with 20 lines (reservation + replenishment check) p99 ≤ 30 ms',
    check: (r) => (r.p99Ms ?? Number.POSITIVE_INFINITY) <= 30,
    detail: (r) => `p99 ${r.p99Ms === undefined ? '?' : r.p99Ms.toFixed(1)} ms`,
  },
  {
    row: '(14)',
    goal: 'replenishment pass over all products ≥ 25 % of the raw SQL pass (p)',
    check: (r) => (r.ratio ?? 0) >= 0.25,
    detail: (r) => pct(r.ratio),
  },
];

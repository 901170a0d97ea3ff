import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../../../contracts/common';
import type { Company } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import type { PurchaseOrder, ReplenishmentSuggestion } from '../../../../contracts/purchasing';
import { systemActor } from '../../platform/actor';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { DIALECTS } from '../../testing/test-db';
import { applyStockMoves } from '../inventory';
import {
  customer,
  type Fixture,
  fixture,
  move,
  openDeal,
  ordersOf,
  product,
  reorder,
  setPurchasingSettings,
  supplier,
} from './replenishment-test-helpers';

const ANGEBOT = '0190a000-0000-7000-8000-00000000a103';
const NO_SUCH_WAREHOUSE = '019355d4-0000-7000-8000-000000000000';

describe.each(DIALECTS)(
  'replenishment: pipeline demand by warehouse, deals by visibility (%s)',
  (dialect) => {
    let f: Fixture;
    let krause: Company;
    let manager: TestSession;
    let mate: TestSession;
    let outsider: TestSession;
    let secondWarehouse: string;

    const suggestions = async (s: TestSession, query = '') => {
      const res = await f.req(s, 'GET', `/api/replenishment${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: ReplenishmentSuggestion[] }>().items;
    };

    beforeAll(async () => {
      f = await fixture(dialect);
      krause = await customer(f, 'Bäckerei Krause');
      manager = await createUserAndLogin(f.t, { role: 'manager', name: 'Thomas Becker' });
      mate = await createUserAndLogin(f.t, { role: 'sales', name: 'Julia Schneider' });
      outsider = await createUserAndLogin(f.t, { role: 'sales', name: 'Peter Wolf' });
      const team = await f.req(f.admin, 'POST', '/api/teams', { name: 'Vertrieb Nord' });
      expect(team.statusCode, team.body).toBe(201);
      const teamId = team.json<Team>().id;
      for (const u of [manager, mate]) {
        const added = await f.req(f.admin, 'POST', `/api/teams/${teamId}/members`, { userId: u.user.id });
        expect(added.statusCode, added.body).toBeLessThan(300);
      }
      const w = await f.req(f.admin, 'POST', '/api/warehouses', { code: 'AUSSEN', name: 'Außenlager' });
      expect(w.statusCode, w.body).toBe(201);
      secondWarehouse = w.json<{ id: string }>().id;
      await setPurchasingSettings(f, { countPipelineDemand: true });
    });
    afterAll(() => f?.t.close());

    it('counts open deals’ demand in the default warehouse only', async () => {
      const sup = await supplier(f, 'Zeta Technik GmbH');
      const p = await product(f, {
        suppliers: [{ companyId: sup.id, purchasePriceCents: 1500, leadTimeDays: 14 }],
      });
      await reorder(f, p.id, { point: 10, max: 30 });
      await f.t.ctx.db
        .insertInto('reorder_settings')
        .values({
          product_id: p.id,
          warehouse_id: secondWarehouse,
          reorder_point_milli: 10_000,
          max_level_milli: 30_000,
          reorder_qty_milli: null,
          updated_at: new Date().toISOString(),
          version: 1,
        })
        .execute();
      await move(f, p.id, 'adjustment', 20);
      await f.t.ctx.db.transaction().execute((trx) =>
        applyStockMoves(
          trx,
          f.t.ctx,
          systemActor('test'),
          [
            {
              productId: p.id,
              warehouseId: secondWarehouse,
              kind: 'adjustment',
              onHandDelta: 20_000,
              reservedDelta: 0,
              onOrderDelta: 0,
              sourceType: 'adjustment',
              sourceId: crypto.randomUUID(),
              reason: 'correction',
            },
          ],
          { negativeAvailable: 'allow' },
        ),
      );
      // 30 × 50 % = 15 expected: projected 5 in the default warehouse, still 20 in the other one
      await openDeal(f, krause.id, p.id, 30, { stageId: ANGEBOT, expectedCloseDate: '2026-12-05' });
      await f.t.ctx.dispatcher.drain();
      // a stock change in the other warehouse after the deal: its check (stock.changed) counts no deal
      await f.t.ctx.db.transaction().execute((trx) =>
        applyStockMoves(
          trx,
          f.t.ctx,
          systemActor('test'),
          [
            {
              productId: p.id,
              warehouseId: secondWarehouse,
              kind: 'adjustment',
              onHandDelta: -1000,
              reservedDelta: 0,
              onOrderDelta: 0,
              sourceType: 'adjustment',
              sourceId: crypto.randomUUID(),
              reason: 'correction',
            },
          ],
          { negativeAvailable: 'allow' },
        ),
      );
      await f.t.ctx.dispatcher.drain();

      const inDefault = (await suggestions(f.admin)).filter((s) => s.productId === p.id);
      expect(inDefault).toMatchObject([{ warehouseId: f.warehouseId, explanation: { pipelineDemand: 15 } }]);
      expect(
        (await suggestions(f.admin, `?warehouseId=${secondWarehouse}`)).filter((s) => s.productId === p.id),
      ).toEqual([]);

      const run = await f.req(f.admin, 'POST', '/api/replenishment/run', { productIds: [p.id] });
      expect(run.statusCode, run.body).toBe(200);
      const orders = await f.t.ctx.db
        .selectFrom('purchase_orders')
        .select(['warehouse_id', 'status'])
        .where('supplier_id', '=', sup.id)
        .execute();
      expect(orders).toEqual([{ warehouse_id: f.warehouseId, status: 'draft' }]);
    });

    it('names in explanations only the deals the reader may see, and stores no deal title', async () => {
      const sup = await supplier(f, 'Omega Antriebe GmbH');
      const p = await product(f, {
        suppliers: [{ companyId: sup.id, purchasePriceCents: 1500, leadTimeDays: 14 }],
      });
      await reorder(f, p.id, { point: 10, max: 30 });
      // 15 on hand − 2 × (10 × 50 %) expected = projected 5
      await move(f, p.id, 'adjustment', 15);
      const hidden = await openDeal(f, krause.id, p.id, 10, {
        title: 'Geheimprojekt Wolf',
        stageId: ANGEBOT,
        expectedCloseDate: '2026-12-05',
      });
      const shown = await openDeal(f, krause.id, p.id, 10, {
        title: 'Teamauftrag Schneider',
        stageId: ANGEBOT,
        expectedCloseDate: '2026-12-06',
      });
      for (const [deal, owner] of [
        [hidden, outsider],
        [shown, mate],
      ] as const) {
        const res = await f.req(f.admin, 'PATCH', `/api/deals/${deal.id}`, {
          version: deal.version,
          ownerId: owner.user.id,
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      await f.t.ctx.dispatcher.drain();

      const forManager = (await suggestions(manager, `?supplierId=${sup.id}`))[0]!;
      expect(JSON.stringify(forManager)).not.toContain('Geheimprojekt');
      expect(forManager.explanation.causes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'deal',
            label: 'Deal',
            sourceId: null,
            sourceLabel: null,
            quantity: 5,
          }),
          expect.objectContaining({
            kind: 'deal',
            label: 'Angebot',
            sourceId: shown.id,
            sourceLabel: 'Teamauftrag Schneider (50 %, 2026-12-06)',
          }),
        ]),
      );
      const forAdmin = (await suggestions(f.admin, `?supplierId=${sup.id}`))[0]!;
      expect(forAdmin.explanation.causes.map((c) => c.sourceLabel)).toEqual(
        expect.arrayContaining([
          'Geheimprojekt Wolf (50 %, 2026-12-05)',
          'Teamauftrag Schneider (50 %, 2026-12-06)',
        ]),
      );

      const run = await f.req(f.admin, 'POST', '/api/replenishment/run', { productIds: [p.id] });
      expect(run.statusCode, run.body).toBe(200);
      const [draft] = await ordersOf(f, sup.id);
      const stored = JSON.stringify(draft!.lines[0]!.explanation);
      expect(stored).toContain(hidden.id);
      expect(stored).not.toContain('Geheimprojekt');
      expect(stored).not.toContain('Teamauftrag');

      const detail = await f.req(manager, 'GET', `/api/purchase-orders/${draft!.id}`);
      expect(detail.statusCode, detail.body).toBe(200);
      expect(detail.body).not.toContain('Geheimprojekt');
      expect(detail.body).not.toContain(hidden.id);
      expect(detail.json<PurchaseOrder>().lines[0]!.explanation!.causes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'deal', label: 'Deal', sourceLabel: null }),
          expect.objectContaining({
            sourceId: shown.id,
            sourceLabel: 'Teamauftrag Schneider (50 %, 2026-12-06)',
          }),
        ]),
      );
      const forAdminDetail = await f.req(f.admin, 'GET', `/api/purchase-orders/${draft!.id}`);
      expect(forAdminDetail.body).toContain('Geheimprojekt Wolf');
    });

    it('answers 404 naming warehouseId for an unknown warehouse', async () => {
      const list = await f.req(f.admin, 'GET', `/api/replenishment?warehouseId=${NO_SUCH_WAREHOUSE}`);
      expect(list.statusCode).toBe(404);
      expect(list.json<Problem>()).toMatchObject({
        code: 'purchasing.warehouse_not_found',
        errors: [{ path: 'warehouseId' }],
      });
      const run = await f.req(f.admin, 'POST', '/api/replenishment/run', { warehouseId: NO_SUCH_WAREHOUSE });
      expect(run.statusCode).toBe(404);
      expect(run.json<Problem>().detail).toContain(NO_SUCH_WAREHOUSE);
    });
  },
);

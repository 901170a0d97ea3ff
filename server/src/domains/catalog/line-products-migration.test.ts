import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../contracts/billing';
import { clearDanglingLineProducts } from '../../migrations/2026_11_26_2400_create_catalog';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, postDeal } from '../sales/sales-test-helpers';

describe.each(DIALECTS)(
  'the catalog migration clears product ids from before the catalog (%s)',
  (dialect) => {
    let t: TestApp;
    let admin: TestSession;

    beforeAll(async () => {
      t = await createTestApp(dialect);
      admin = await createUserAndLogin(t, { role: 'admin' });
    });
    afterAll(() => t?.close());

    it('deal lines and draft invoice lines lose their dangling product ids; issued invoices keep theirs', async () => {
      const company = await makeCompany(t, 'Altdaten GmbH', admin);
      const deal = await postDeal(t, admin, {
        title: 'Alt',
        companyId: company,
        lines: [{ description: 'Pumpe', quantity: 1, unitPriceCents: 100 }],
      });
      const invoice = async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/invoices',
          headers: admin.headers,
          payload: {
            companyId: company,
            lines: [{ description: 'Pumpe', quantity: 1, unitPriceCents: 100 }],
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<Invoice>();
      };
      const draft = await invoice();
      const issued = await invoice();
      const dangling = '0190a000-0000-7000-8000-00000000dead';
      await t.ctx.db.updateTable('deal_lines').set({ product_id: dangling }).execute();
      await t.ctx.db.updateTable('invoice_lines').set({ product_id: dangling }).execute();
      await t.ctx.db.updateTable('invoices').set({ status: 'issued' }).where('id', '=', issued.id).execute();

      await clearDanglingLineProducts(t.ctx.db as unknown as Kysely<unknown>);

      const dealLines = await t.ctx.db
        .selectFrom('deal_lines')
        .select('product_id')
        .where('deal_id', '=', deal.id)
        .execute();
      expect(dealLines).toEqual([{ product_id: null }]);
      const invoiceLines = async (id: string) =>
        (
          await t.ctx.db
            .selectFrom('invoice_lines')
            .select('product_id')
            .where('invoice_id', '=', id)
            .execute()
        ).map((l) => l.product_id);
      expect(await invoiceLines(draft.id)).toEqual([null]);
      expect(await invoiceLines(issued.id)).toEqual([dangling]);
    });
  },
);

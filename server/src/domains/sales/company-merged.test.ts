import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../../contracts/events';
import type { DealDetail } from '../../../../contracts/sales';
import { systemActor } from '../../platform/actor';
import { publish } from '../../platform/events/publish';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany, makeContact, postDeal, requester } from './sales-test-helpers';

describe.each(DIALECTS)('deals follow merged companies and contacts (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
  });
  afterAll(() => t?.close());

  const raise = async <T extends 'company.merged' | 'contact.merged'>(type: T, payload: EventPayload<T>) => {
    await t.ctx.db
      .transaction()
      .execute((trx) => publish(trx, t.ctx.clock, systemActor('test'), type, payload));
    return t.ctx.dispatcher.drain();
  };
  const get = async (id: string) => (await requester(t)(admin, 'GET', `/api/deals/${id}`)).json<DealDetail>();

  it('company.merged re-points the deals of the merged-away company, once', async () => {
    const kept = await makeCompany(t, 'Meyer Anlagenbau GmbH', admin);
    const duplicate = await makeCompany(t, 'Meyer Anlagenbau', admin);
    const keptContact = await makeContact(t, kept, 'Meyer');
    const duplicateContact = await makeContact(t, duplicate, 'Meyer');
    const a = await postDeal(t, admin, {
      title: 'A',
      companyId: duplicate,
      contactId: duplicateContact,
      amountCents: 1,
    });
    const b = await postDeal(t, admin, { title: 'B', companyId: duplicate, amountCents: 2 });
    const other = await postDeal(t, admin, {
      title: 'C',
      companyId: kept,
      contactId: keptContact,
      amountCents: 3,
    });

    const drained = await raise('company.merged', { targetId: kept, sourceId: duplicate });
    expect(drained.dead).toBe(0);
    const delivery = await t.ctx.db
      .selectFrom('event_deliveries')
      .select(['status', 'attempts'])
      .where('subscriber', '=', 'sales.repoint-deals')
      .executeTakeFirstOrThrow();
    expect(delivery.status).toBe('done');
    for (const id of [a.id, b.id]) expect(await get(id)).toMatchObject({ companyId: kept, version: 2 });
    expect(await get(other.id)).toMatchObject({ companyId: kept, version: 1 });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['origin', 'changes'])
      .where('entity_id', '=', a.id)
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((x) => [x.origin, JSON.parse(x.changes)])).toEqual([
      ['event:company.merged', [{ field: 'companyId', before: duplicate, after: kept }]],
    ]);

    // the same merge again (a second delivery) changes nothing
    await raise('company.merged', { targetId: kept, sourceId: duplicate });
    expect(await get(a.id)).toMatchObject({ companyId: kept, version: 2 });

    // the contact follows when the contacts are merged
    await raise('contact.merged', { targetId: keptContact, sourceId: duplicateContact });
    expect(await get(a.id)).toMatchObject({ contactId: keptContact, version: 3 });
    expect(await get(other.id)).toMatchObject({ contactId: keptContact, version: 1 });
  });
});

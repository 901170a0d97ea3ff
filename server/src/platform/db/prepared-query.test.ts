import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { preparedQuery } from './prepared-query';

const findAudit = preparedQuery((db, p: { id: string; action: 'create' | 'update' | 'delete' }) =>
  db
    .selectFrom('audit_log')
    .select(['id', 'entity_type'])
    .where('id', '=', p.id)
    .where('action', '=', p.action)
    .limit(5),
);

describe.each(DIALECTS)('prepared queries (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const row = {
      entity_id: 'e',
      entity_label: null,
      actor_id: null,
      actor_name: null,
      origin: null,
      changes: '[]',
      at: 'x',
    };
    await t.handle.db
      .insertInto('audit_log')
      .values([
        { ...row, id: 'a1', entity_type: 'one', action: 'create' },
        { ...row, id: 'a2', entity_type: 'two', action: 'update' },
      ])
      .execute();
  });
  afterAll(() => t.destroy());

  it('runs the compiled SQL with each call’s own values, in and outside transactions', async () => {
    expect(await findAudit(t.handle.db, { id: 'a1', action: 'create' })).toEqual([
      { id: 'a1', entity_type: 'one' },
    ]);
    expect(await findAudit(t.handle.db, { id: 'a2', action: 'update' })).toEqual([
      { id: 'a2', entity_type: 'two' },
    ]);
    expect(await findAudit(t.handle.db, { id: 'a2', action: 'create' })).toEqual([]);
    const inTx = await t.handle.db
      .transaction()
      .execute((trx) => findAudit(trx, { id: 'a2', action: 'update' }));
    expect(inTx).toEqual([{ id: 'a2', entity_type: 'two' }]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { insertRows } from './bulk-insert';

const entry = (n: number) => ({
  id: `a${String(n).padStart(5, '0')}`,
  entity_type: 'bulk',
  entity_id: String(n),
  entity_label: n % 3 === 0 ? null : `label ${n}`,
  action: 'create' as const,
  actor_id: null,
  actor_name: null,
  origin: null,
  changes: '[]',
  at: '2026-11-27T00:00:00.000Z',
});

describe.each(DIALECTS)('insertRows (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t.destroy());

  it('writes every row of any count exactly once, the values each its own', async () => {
    // counts around the statement size (500 rows) and ones SQLite splits into several statements
    let next = 0;
    const counts = [1, 2, 3, 137, 500, 501, 1_234];
    for (const count of counts) {
      const rows = Array.from({ length: count }, () => entry(next++));
      await t.handle.db.transaction().execute((trx) => insertRows(trx, 'audit_log', rows));
    }
    const stored = await t.handle.db
      .selectFrom('audit_log')
      .select(['id', 'entity_id', 'entity_label'])
      .where('entity_type', '=', 'bulk')
      .orderBy('id')
      .execute();
    expect(stored).toHaveLength(next);
    expect(stored).toEqual(
      Array.from({ length: next }, (_, n) => ({
        id: entry(n).id,
        entity_id: String(n),
        entity_label: entry(n).entity_label,
      })),
    );
  });

  it('writes nothing for no rows', async () => {
    await insertRows(t.handle.db, 'audit_log', []);
  });
});

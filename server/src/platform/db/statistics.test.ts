import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { refreshStatistics } from './statistics';

describe.each(DIALECTS)('planner statistics (%s)', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    const row = { entity_label: null, actor_id: null, actor_name: null, origin: null, changes: '[]' };
    await t.handle.db
      .insertInto('audit_log')
      .values(
        Array.from({ length: 300 }, (_, i) => ({
          ...row,
          id: `a${i}`,
          entity_type: i % 3 ? 'company' : 'deal',
          entity_id: `e${i % 50}`,
          action: 'update' as const,
          at: `2026-11-26T10:00:${String(i % 60).padStart(2, '0')}Z`,
        })),
      )
      .execute();
  });
  afterAll(() => t.destroy());

  it('refreshes them', async () => {
    await refreshStatistics(t.handle.db);
    if (dialect === 'postgres') {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stats where tablename = 'audit_log'`.execute(t.handle.db);
      expect(rows[0]!.n).toBeGreaterThan(0);
      return;
    }
    // SQLite, index by index: the very statistics one ANALYZE of everything makes
    const stats = async () =>
      (
        await sql<{ tbl: string; idx: string | null; stat: string }>`
          select tbl, idx, stat from sqlite_stat1 order by tbl, idx`.execute(t.handle.db)
      ).rows;
    const stepwise = await stats();
    expect(stepwise.filter((r) => r.tbl === 'audit_log').length).toBeGreaterThan(0);
    expect(stepwise.find((r) => r.tbl === 'audit_log')?.stat).toMatch(/^300 /);
    await sql`delete from sqlite_stat1`.execute(t.handle.db);
    await sql`analyze`.execute(t.handle.db);
    expect(await stats()).toEqual(stepwise);
  });
});

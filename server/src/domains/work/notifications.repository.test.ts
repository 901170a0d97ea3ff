import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../platform/ids';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { insertNotificationsIgnoringDuplicates } from './notifications.repository';
import type { NotificationsTable } from './work.tables';

/** Exactly the rows whose dedupe key was new come back: what the callers notify and mail about. */
describe.each(DIALECTS)('inserting notifications once per key (%s)', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t?.close());

  const row = (key: string, userId = '01900000-0000-7000-8000-000000000001'): NotificationsTable => ({
    id: uuidv7(),
    user_id: userId,
    kind: 'rule_notification',
    title: key,
    body: null,
    link: null,
    task_id: null,
    dedupe_key: key,
    created_at: '2026-11-27T09:00:00.000Z',
    read_at: null,
  });
  const inserted = (rows: NotificationsTable[]) =>
    t.ctx.db.transaction().execute((trx) => insertNotificationsIgnoringDuplicates(trx, rows));
  const keys = async () =>
    (
      await t.ctx.db.selectFrom('notifications').select(['id', 'dedupe_key']).orderBy('dedupe_key').execute()
    ).map((r) => `${r.dedupe_key}=${r.id}`);

  it('returns every row when all keys are new, only the new ones otherwise (a key twice in a call: once)', async () => {
    const a = row('a');
    const b = row('b', '01900000-0000-7000-8000-000000000002');
    expect(await inserted([a, b])).toEqual([
      { id: a.id, user_id: a.user_id, task_id: null, dedupe_key: 'a' },
      { id: b.id, user_id: b.user_id, task_id: null, dedupe_key: 'b' },
    ]);

    const c = row('c');
    const cAgain = row('c');
    expect(await inserted([row('a'), c, cAgain, row('b')])).toEqual([
      { id: c.id, user_id: c.user_id, task_id: null, dedupe_key: 'c' },
    ]);
    expect(await inserted([row('a')])).toEqual([]);
    expect(await keys()).toEqual([`a=${a.id}`, `b=${b.id}`, `c=${c.id}`]);
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqlite } from './database';

/**
 * The server's SQLite handle checkpoints the WAL in a background thread: pages written by commits
 * reach the database file without the writer checkpointing (its own automatic checkpoint is only a
 * fallback far above this test's writes), nothing is lost, and closing the handle ends the thread.
 */
describe('background checkpoints (sqlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kontor-checkpoint-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = async (file: string, background: boolean) => {
    const handle = openDatabase({ dialect: 'sqlite', file }, { backgroundCheckpoints: background });
    await sql`create table notes (id integer primary key, body text not null)`.execute(handle.db);
    const body = 'x'.repeat(1000);
    // 40 commits of 100 rows: ~4 MB, about 1,000 pages — the writer's fallback is 20,000
    for (let c = 0; c < 40; c++) {
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 100; i++)
          await sql`insert into notes (id, body) values (${c * 100 + i}, ${body})`.execute(trx);
      });
    }
    return handle;
  };
  const waitFor = async (ok: () => boolean, ms: number) => {
    const until = Date.now() + ms;
    while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
    return ok();
  };

  it('copies committed pages into the database file from its own thread; nothing is lost', async () => {
    const file = join(dir, 'background.db');
    const handle = await write(file, true);
    // the database file holds the rows' pages (not only the WAL) without a checkpoint by the writer
    expect(await waitFor(() => statSync(file).size > 3_000_000, 5000)).toBe(true);
    await handle.close();

    const check = openSqlite(file);
    expect(check.prepare('select count(*) as n from notes').get()).toEqual({ n: 4000 });
    check.close();
  });

  it('without it (tests, the CLI) the writer checkpoints as SQLite does by default', async () => {
    const file = join(dir, 'plain.db');
    const handle = await write(file, false);
    const sqlite = handle.sqlite!;
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await handle.close();
  });

  it('closing the handle twice, or after the thread ended, returns at once', async () => {
    const file = join(dir, 'twice.db');
    const handle = await write(file, true);
    await handle.close();
    await expect(
      Promise.race([
        handle.close().then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('hung'), 2000)),
      ]),
    ).resolves.toBe('closed');
  });
});

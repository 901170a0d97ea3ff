import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DbHandle, type Dialect, openDatabase } from '../platform/db/database';
import { migrateToLatest } from '../platform/db/migrate';

/** SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  handle: DbHandle;
  /** The DATABASE_URL of this database, for code that opens its own connection (workers, CLI). */
  url: string;
  destroy(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, migrated database of its own for one test (file): a temporary SQLite file, or a new
 * PostgreSQL database created next to TEST_DATABASE_URL's, dropped again on destroy.
 */
export async function createTestDatabase(
  dialect: Dialect,
  opts: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let db: TestDatabase;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'kontor-test-'));
    const file = join(dir, 'test.db');
    const handle = openDatabase({ dialect: 'sqlite', file });
    db = {
      handle,
      url: `sqlite:${file}`,
      async destroy() {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    const name = `kontor_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = withDatabase(adminUrl(), name);
    const handle = openDatabase({ dialect: 'postgres', url }, { poolSize: 5 });
    db = {
      handle,
      url,
      async destroy() {
        await handle.close();
        const c = new pg.Client({ connectionString: adminUrl() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  if (opts.migrate !== false) await migrateToLatest(db.handle.db);
  return db;
}

import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { openDatabase } from '../../server/src/platform/db/database';
import { migrateToLatest } from '../../server/src/platform/db/migrate';
import { BENCH_PASSWORD, insertUsers, type UsersInsertResult } from '../generators/users';

export interface KontorDatabase extends UsersInsertResult {
  file: string;
  insertRowsPerSec: number;
}

/**
 * A Kontor SQLite database migrated to the current schema, with `rows` users inserted directly
 * (prepared statement, one transaction, one argon2id hash computed once). The server finds users
 * there and seeds no demo company.
 */
export async function prepareKontorDatabase(
  dir: string,
  rows: number,
  seed: number,
): Promise<KontorDatabase> {
  const file = join(dir, 'kontor.db');
  const handle = openDatabase({ dialect: 'sqlite', file });
  try {
    await migrateToLatest(handle.db);
    const passwordHash = await hash(BENCH_PASSWORD, { algorithm: 2 });
    const result = insertUsers(handle.sqlite!, { rows, seed, passwordHash });
    handle.sqlite!.exec('ANALYZE');
    handle.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    return { ...result, file, insertRowsPerSec: rows / result.insertSeconds };
  } finally {
    await handle.close();
  }
}

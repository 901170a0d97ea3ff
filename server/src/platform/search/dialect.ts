import { type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from '../db/database';

/**
 * The dialect behind a Kysely instance or transaction (its adapter tells), for the few statements
 * of the search index that differ. Migrations and repositories only have `db`, not the handle.
 */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

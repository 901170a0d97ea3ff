import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { startCheckpointer } from './checkpointer';

/**
 * The Kysely schema of the whole application. It is empty here on purpose: each domain (and each
 * platform part) adds its own tables by declaration merging next to its repository, so a table's
 * type lives with the code that owns it:
 *
 *   declare module '../../platform/db/database' { interface Database { users: UsersTable } }
 *
 * Storage conventions, the same on both dialects: ids are UUIDv7 text, instants ISO 8601 UTC text,
 * business dates YYYY-MM-DD text, booleans integer 0/1, JSON as text, money integer cents (bigint).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface Database {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a running transaction: repositories accept both. */
export type DbOrTx = Db | Tx;
export type Dialect = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  dialect: Dialect;
  /** The raw better-sqlite3 connection (SQLite only), for online backups. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg returns BIGINT and COUNT(*) as strings; our bigints are cents and counts, far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export function openSqlite(file: string): SQLite.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Up to 256 MiB of pages (taken as needed; the default is 2 MB). A large write transaction (a CSV
  // import, a merge, an index rebuild) touches pages all over the indexes it updates; with the
  // default, dirty pages spill to the WAL mid-transaction and are read and written again: importing
  // 20,000 contacts into a database of 200,000 took more than twice as long.
  sqlite.pragma('cache_size = -262144');
  return sqlite;
}

/**
 * Kysely's SQLite driver prepares every statement anew on each query; preparing costs more than a
 * primary-key lookup itself. Kysely emits the same SQL text for the same query shape (values are
 * parameters), so a bounded cache of prepared statements serves nearly every query.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

export function openDatabase(
  config: DatabaseConfig,
  opts: {
    poolSize?: number;
    /** SQLite: checkpoints in a background thread (checkpointer.ts) — the server's long-lived handle. */
    backgroundCheckpoints?: boolean;
    onCheckpointError?: (message: string) => void;
  } = {},
): DbHandle {
  if (config.dialect === 'sqlite') {
    const sqlite = openSqlite(config.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    const checkpointer =
      opts.backgroundCheckpoints && config.file !== ':memory:'
        ? startCheckpointer(sqlite, config.file, { onError: opts.onCheckpointError })
        : null;
    return {
      db,
      dialect: 'sqlite',
      sqlite,
      async close() {
        await checkpointer?.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: opts.poolSize ?? 10 });
  // An idle connection closed by the server (restart, failover, DROP DATABASE … FORCE in tests): the
  // pool drops it and connects anew when needed. Without a listener the error would end the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** True when the error is a unique-constraint violation, on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Booleans are stored as 0/1 on both dialects. */
export const toBool = (v: number | boolean | null | undefined): boolean => v === true || v === 1;
export const fromBool = (v: boolean): number => (v ? 1 : 0);

import { createHash } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db, Tx } from '../db/database';

/** pg-boss queue names used by Kontor (pg-boss keeps its own tables in the `pgboss` schema). */
export const EVENT_QUEUE = 'kontor.event-delivery';
export const JOB_QUEUE_PREFIX = 'kontor.job.';

export const jobQueueName = (jobName: string) => `${JOB_QUEUE_PREFIX}${jobName}`;

export interface BossOptions {
  /** How often an idle pg-boss worker looks for new jobs (pg-boss minimum: 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Connections pg-boss may open besides the application pool. */
  poolSize?: number;
}

/** A pg-boss instance on the application's database; errors go to the log. Not started. */
export function createBoss(url: string, log: Logger, opts: BossOptions = {}): PgBoss {
  const boss = new PgBoss({
    connectionString: url,
    application_name: 'kontor-pgboss',
    max: opts.poolSize ?? 4,
    pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 2,
  });
  boss.on('error', (err) => log.error({ err }, 'pg-boss error'));
  return boss;
}

/** Lets pg-boss write its jobs inside a Kysely transaction, so a job exists exactly when the transaction commits. */
export function bossDb(trx: Tx): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: result.rows as unknown[] };
    },
  };
}

/** A UUID derived from a key: the same key always makes the same pg-boss job id (insert is ON CONFLICT DO NOTHING). */
export function deterministicUuid(key: string): string {
  const b = createHash('sha256').update(key).digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50; // version 5 layout (name-based)
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Runs pg-boss setup (its start, createQueue, schedule) holding a database-wide advisory lock:
 * pg-boss 10 creates a partition table per queue, and two processes creating queues at the same
 * moment can deadlock (seen when an API server and a worker start together on a fresh database).
 */
export async function withBossSetupLock<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('kontor.pg-boss-setup'))`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtext('kontor.pg-boss-setup'))`.execute(conn);
    }
  });
}

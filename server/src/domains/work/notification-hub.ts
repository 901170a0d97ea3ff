import { sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '../../platform/config';
import type { Db, DbOrTx, Dialect } from '../../platform/db/database';

/** The PostgreSQL channel on which committed notifications are announced to every API process. */
export const NOTIFY_CHANNEL = 'kontor_notifications';
/** pg_notify payloads must stay below 8000 bytes: more users than this are announced as "everyone". */
const MAX_USERS_PER_ANNOUNCEMENT = 150;
const RECONNECT_MS = 5000;

type Listener = () => void;

/**
 * Wakes the live notification streams (server-sent events) of this process when notifications of
 * their user were written. Within a process the writer calls `wake` after its commit; across
 * processes (PostgreSQL: API servers and workers) the writer announces the users with pg_notify in
 * its transaction — delivered only on commit — and each API process LISTENs on one connection of
 * its own while it has streams open. Streams also poll now and then, which covers a missed
 * announcement and, on SQLite, a job run from the CLI in another process.
 */
export class NotificationHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  /** How often an open stream looks for new notifications without being woken. */
  pollMs = 5000;
  heartbeatMs = 20_000;
  /** Closers of the open streams, so a shutting-down server ends them instead of waiting on them. */
  readonly streams = new Set<() => void>();
  private client: pg.Client | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private closed = false;
  private listening: Promise<void> = Promise.resolve();

  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Open streams in this process (for tests and the shutdown). */
  get streamCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  wake(userIds: Iterable<string> | 'all'): void {
    const targets =
      userIds === 'all'
        ? [...this.listeners.values()]
        : [...new Set(userIds)].map((id) => this.listeners.get(id)).filter((s) => s !== undefined);
    for (const set of targets) for (const listener of [...set]) listener();
  }

  /** PostgreSQL: listen for announcements from other processes (once; reconnects after errors). */
  listen(database: DatabaseConfig, log: Logger): void {
    if (database.dialect !== 'postgres' || this.client || this.reconnect || this.closed) return;
    const client = new pg.Client({ connectionString: database.url });
    this.client = client;
    const retry = (err: unknown) => {
      if (this.client !== client) return;
      this.client = null;
      client.end().catch(() => undefined);
      if (this.closed) return;
      log.warn({ err }, 'notification listener lost its connection; streams poll until it is back');
      this.reconnect = setTimeout(() => {
        this.reconnect = null;
        this.listen(database, log);
      }, RECONNECT_MS);
      this.reconnect.unref();
    };
    client.on('error', retry);
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFY_CHANNEL) return;
      if (!msg.payload || msg.payload === '*') return this.wake('all');
      try {
        this.wake(JSON.parse(msg.payload) as string[]);
      } catch {
        this.wake('all');
      }
    });
    this.listening = client
      .connect()
      .then(() => client.query(`LISTEN ${NOTIFY_CHANNEL}`))
      .then(() => undefined)
      .catch(retry);
  }

  /** Resolves once this process listens (PostgreSQL; at once otherwise). For tests. */
  whenListening(): Promise<void> {
    return this.listening;
  }

  /** Ends the open streams and the listener connection (server shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const end of [...this.streams]) end();
    if (this.reconnect) clearTimeout(this.reconnect);
    this.reconnect = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

const hubs = new WeakMap<Db, NotificationHub>();

/** The hub of a database handle: API routes and jobs of one process (or one test app) share it. */
export function notificationHub(db: Db): NotificationHub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = new NotificationHub();
    hubs.set(db, hub);
  }
  return hub;
}

/**
 * Announces, inside the writing transaction, that these users have new notifications: PostgreSQL
 * delivers the announcement to the listening API processes when the transaction commits (and not
 * at all when it rolls back). On SQLite everything runs in one process: the writer wakes the hub.
 */
export async function announceNotifications(
  trx: DbOrTx,
  dialect: Dialect,
  userIds: readonly string[],
): Promise<void> {
  if (dialect !== 'postgres' || userIds.length === 0) return;
  const unique = [...new Set(userIds)];
  const payload = unique.length > MAX_USERS_PER_ANNOUNCEMENT ? '*' : JSON.stringify(unique);
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${payload})`.execute(trx);
}

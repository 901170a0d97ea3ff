import type { DbOrTx } from '../db/database';

export interface OutboxTable {
  id: string;
  type: string;
  /** JSON payload */
  payload: string;
  actor_id: string | null;
  /** The actor's origin when not a person (`rule:<id>@<v>`, `job:<name>`; migration 2026_11_27_0300). */
  origin: string | null;
  occurred_at: string;
  /** Set once the event was handed to its subscribers (or to pg-boss); null = still to dispatch. */
  dispatched_at: string | null;
}

declare module '../db/database' {
  interface Database {
    outbox: OutboxTable;
  }
}

export function insertOutboxEvent(db: DbOrTx, row: OutboxTable) {
  return db.insertInto('outbox').values(row).execute();
}

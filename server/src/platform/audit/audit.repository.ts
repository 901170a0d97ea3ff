import type { DbOrTx } from '../db/database';

export interface AuditLogTable {
  id: string;
  entity_type: string;
  entity_id: string;
  /** Readable name of the record at the time of the change. */
  entity_label: string | null;
  action: 'create' | 'update' | 'delete';
  actor_id: string | null;
  actor_name: string | null;
  origin: string | null;
  /** JSON: [{ field, before, after }] */
  changes: string;
  at: string;
}

declare module '../db/database' {
  interface Database {
    audit_log: AuditLogTable;
  }
}

export function insertAuditEntry(db: DbOrTx, row: AuditLogTable) {
  return db.insertInto('audit_log').values(row).execute();
}

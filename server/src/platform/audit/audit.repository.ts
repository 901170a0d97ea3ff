import { insertRows } from '../db/bulk-insert';
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

/** One entry (its SQL text made once: every audited write adds one, rules' actions by the thousand). */
export function insertAuditEntry(db: DbOrTx, row: AuditLogTable): Promise<void> {
  return insertRows(db, 'audit_log', [row]);
}

import { uuidv7 } from 'uuidv7';
import type { Actor } from '../actor';
import type { Clock } from '../clock';
import type { Tx } from '../db/database';
import { insertAuditEntry } from './audit.repository';

/** Fields that change on every edit and say nothing about what was changed. */
const IGNORED_FIELDS = new Set(['version', 'updatedAt', 'updated_at']);
/** Never written to the audit trail, only that they changed. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'password_hash', 'tokenHash', 'token_hash']);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

type Snapshot = Record<string, unknown> | null | undefined;

/** A readable name for the record: its name, title or person name, whichever it has. */
function labelOf(snapshot: Snapshot): string | null {
  if (!snapshot) return null;
  for (const key of ['name', 'title', 'number', 'subject', 'sku']) {
    const v = snapshot[key];
    if (typeof v === 'string' && v.trim()) return v;
  }
  const person = [snapshot.firstName, snapshot.lastName].filter((v) => typeof v === 'string' && v).join(' ');
  return person || null;
}

/** Field-level difference between two snapshots of a record. */
export function diffFields(before: Snapshot, after: Snapshot): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (IGNORED_FIELDS.has(field)) continue;
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    changes.push(
      SECRET_FIELDS.has(field)
        ? { field, before: b === null ? null : '***', after: a === null ? null : '***' }
        : { field, before: b, after: a },
    );
  }
  return changes;
}

/**
 * Writes who changed what, in the transaction of the change itself (so a change without its audit
 * entry cannot exist). `before` is null for a create, `after` null for a delete.
 */
export async function recordAudit(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  entry: { entityType: string; entityId: string; before: Snapshot; after: Snapshot; label?: string },
): Promise<void> {
  const action = !entry.before ? 'create' : !entry.after ? 'delete' : 'update';
  const changes = diffFields(entry.before, entry.after);
  if (action === 'update' && changes.length === 0) return;
  await insertAuditEntry(trx, {
    id: uuidv7(),
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    entity_label: entry.label ?? labelOf(entry.after) ?? labelOf(entry.before),
    action,
    actor_id: actor.userId,
    actor_name: actor.name,
    origin: actor.origin,
    changes: JSON.stringify(changes),
    at: clock.now().toISOString(),
  });
}

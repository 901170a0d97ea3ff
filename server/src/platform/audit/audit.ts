import type { Actor } from '../actor';
import type { Clock } from '../clock';
import { insertRows } from '../db/bulk-insert';
import type { Tx } from '../db/database';
import { uuidv7 } from '../ids';
import { type AuditLogTable, insertAuditEntry } from './audit.repository';

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

/** diffFields(null, after), without comparing each field as JSON (imports write a million of these). */
function createdFields(after: Snapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field in after) {
    const a = after[field];
    if (
      a === null ||
      a === undefined ||
      IGNORED_FIELDS.has(field) ||
      (typeof a === 'number' && !Number.isFinite(a))
    ) {
      continue;
    }
    changes.push({ field, before: null, after: SECRET_FIELDS.has(field) ? '***' : a });
  }
  return changes;
}

export interface AuditInput {
  entityType: string;
  entityId: string;
  before: Snapshot;
  after: Snapshot;
  label?: string;
}

/**
 * The audit row of a change at `at` (ISO instant), or null for an update that changed nothing.
 * `before` is null for a create, `after` null for a delete.
 */
export function auditEntryRow(at: string, actor: Actor, entry: AuditInput): AuditLogTable | null {
  const action = !entry.before ? 'create' : !entry.after ? 'delete' : 'update';
  const changes = action === 'create' ? createdFields(entry.after) : diffFields(entry.before, entry.after);
  if (action === 'update' && changes.length === 0) return null;
  return {
    id: uuidv7(),
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    entity_label: entry.label ?? labelOf(entry.after) ?? labelOf(entry.before),
    action,
    actor_id: actor.userId,
    actor_name: actor.name,
    origin: actor.origin,
    changes: JSON.stringify(changes),
    at,
  };
}

/**
 * Writes who changed what, in the transaction of the change itself (so a change without its audit
 * entry cannot exist). `before` is null for a create, `after` null for a delete.
 */
export async function recordAudit(trx: Tx, clock: Clock, actor: Actor, entry: AuditInput): Promise<void> {
  const row = auditEntryRow(clock.now().toISOString(), actor, entry);
  if (row) await insertAuditEntry(trx, row);
}

/**
 * Many audit rows (made with auditEntryRow) in multi-row inserts, in the changes' transaction:
 * an import writes one entry per record it creates without a statement per entry.
 */
export async function recordAudits(trx: Tx, rows: ReadonlyArray<AuditLogTable | null>): Promise<void> {
  await insertRows(
    trx,
    'audit_log',
    rows.filter((r): r is AuditLogTable => r !== null),
  );
}

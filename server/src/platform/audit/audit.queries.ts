import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../../../contracts/audit';
import type { Actor } from '../actor';
import type { Db } from '../db/database';
import { paginate } from '../db/pagination';
import { visibleTo } from '../db/visibility';

export async function listAuditEntries(db: Db, actor: Actor, query: z.infer<typeof AuditQuery>) {
  let q = db.selectFrom('audit_log').selectAll();
  if (query.entityType) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId) q = q.where('entity_id', '=', query.entityId);
  if (query.actorId) q = q.where('actor_id', '=', query.actorId);
  // One record's history is shown on its detail page, which its domain already guards; the
  // company-wide feed shows only changes made by people the caller may see.
  if (!(query.entityType && query.entityId)) q = q.where(visibleTo(actor, { ownerColumn: 'actor_id' }));
  const page = await paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
  return {
    items: page.items.map(
      (r): AuditEntry => ({
        id: r.id,
        entityType: r.entity_type,
        entityId: r.entity_id,
        entityLabel: r.entity_label,
        action: r.action,
        actorId: r.actor_id,
        actorName: r.actor_name,
        origin: r.origin,
        changes: JSON.parse(r.changes),
        at: r.at,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

import { z } from 'zod';
import { Id, Instant, ListQuery, listResponse } from './common';

export const AuditAction = z.enum(['create', 'update', 'delete']);

/** Field-level change: value before and after (null where the field did not exist). */
export const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const AuditEntry = z.object({
  id: Id,
  entityType: z.string(),
  entityId: z.string(),
  /** Readable name of the record when it changed (name, title, number…). */
  entityLabel: z.string().nullable(),
  action: AuditAction,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  /** Set when a rule or job, not a person, made the change. */
  origin: z.string().nullable(),
  changes: z.array(FieldChange),
  at: Instant,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = ListQuery.extend({
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actorId: Id.optional(),
});
export const AuditList = listResponse(AuditEntry);

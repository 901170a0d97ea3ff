import { z } from 'zod';

/** Every record id is a UUIDv7 string (time-ordered, same on SQLite and PostgreSQL). */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** UTC instant, ISO 8601. */
export const Instant = z.iso.datetime({ offset: true });
/** Business date in the company time zone. */
export const BusinessDate = z.iso.date();

/** Every mutable record carries its version; edits must send it back (409 on a stale one). */
export const Version = z.number().int().min(1);

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().min(1).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type ListResponse<T> = { items: T[]; nextCursor: string | null };

export const IdParams = z.object({ id: Id });

/** RFC 9457 problem details. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Ok = z.object({ ok: z.literal(true) });

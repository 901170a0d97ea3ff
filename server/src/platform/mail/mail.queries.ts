import type { z } from 'zod';
import type { Mail, MailQuery } from '../../../../contracts/admin';
import type { Db } from '../db/database';
import { paginate } from '../db/pagination';

/** The mail outbox, newest first. */
export async function listMail(db: Db, query: z.infer<typeof MailQuery>) {
  let q = db.selectFrom('mail_outbox').selectAll();
  if (query.status) q = q.where('status', '=', query.status);
  const page = await paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
  return {
    items: page.items.map(
      (r): Mail => ({
        id: r.id,
        to: r.to_address,
        subject: r.subject,
        text: r.text_body,
        html: r.html_body,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        createdAt: r.created_at,
        sentAt: r.sent_at,
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

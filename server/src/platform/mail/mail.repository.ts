import { sql } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../db/database';

export type MailStatus = 'outbox' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /**
   * `outbox`: waiting to be sent (without SMTP_URL it stays here, readable by admins) ·
   * `sent` · `failed`: gave up after the last attempt (see last_error).
   */
  status: MailStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

declare module '../db/database' {
  interface Database {
    mail_outbox: MailOutboxTable;
  }
}

export function insertMail(db: DbOrTx, row: MailOutboxTable) {
  return db.insertInto('mail_outbox').values(row).execute();
}

/**
 * Claims up to `limit` due mails for sending: counts the attempt and sets a lease (next_attempt_at
 * = leaseUntil), so no other process picks them while this one talks to the SMTP server; if this
 * process dies, the lease runs out and the mail is tried again.
 */
export async function claimDueMail(db: Db, dialect: Dialect, now: string, leaseUntil: string, limit: number) {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'outbox')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .orderBy('id')
      .limit(limit);
    if (dialect === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length) {
      await trx
        .updateTable('mail_outbox')
        .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil, updated_at: now })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

/** Records the outcome of the claimed attempt (guarded by its attempt number). */
export function updateMailAttempt(
  db: DbOrTx,
  id: string,
  attempt: number,
  change: Pick<MailOutboxTable, 'status' | 'next_attempt_at' | 'last_error' | 'sent_at' | 'updated_at'>,
) {
  return db
    .updateTable('mail_outbox')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'outbox')
    .where('attempts', '=', attempt)
    .execute();
}

export async function countMailInOutbox(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'outbox')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

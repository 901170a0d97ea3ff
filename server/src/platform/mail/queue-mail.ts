import { uuidv7 } from 'uuidv7';
import type { Clock } from '../clock';
import type { Tx } from '../db/database';
import { insertMail } from './mail.repository';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queues an e-mail inside the caller's transaction: it exists exactly when the change that caused it
 * is committed. The mail job sends it (when SMTP_URL is set); without SMTP it stays in the in-app
 * outbox for admins to read. Returns the mail's id.
 */
export async function queueMail(trx: Tx, clock: Clock, mail: OutgoingMail): Promise<string> {
  const id = uuidv7();
  const now = clock.now().toISOString();
  await insertMail(trx, {
    id,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    status: 'outbox',
    attempts: 0,
    // Due at once. (Retry times are set by the sender on the real clock, not the business clock.)
    next_attempt_at: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    updated_at: now,
  });
  return id;
}

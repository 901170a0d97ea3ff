import { uuidv7 } from 'uuidv7';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db, Dialect, Tx } from '../../platform/db/database';
import { type OutgoingMail, queueMails } from '../../platform/mail/queue-mail';
import { getMemberIdsOfTeams, getUserSummaries } from '../identity';
import { announceNotifications, notificationHub } from './notification-hub';
import { insertNotificationsIgnoringDuplicates } from './notifications.repository';
import { formatDue, reminderBody, reminderMail } from './reminder-texts';
import {
  claimDueReminders,
  type DueReminder,
  lastInFiringOrder,
  type ReminderCursor,
} from './reminders.repository';
import type { NotificationsTable } from './work.tables';
import { getWorkSettingsOf } from './work-settings.repository';

export const REMINDER_KIND = 'task_reminder';
/** Tasks per transaction: large enough for multi-row statements to pay off, small enough to not block writers long. */
export const REMINDER_BATCH_SIZE = 2000;

export interface FireResult {
  /** Tasks whose reminder was due (each fires once). */
  tasks: number;
  notifications: number;
  mails: number;
}

interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Pick<Config, 'timezone'>;
}

/** `reminder:<task>:<reminder_at>:<user>` — a moved reminder has a new key and fires again. */
export function reminderDedupeKey(taskId: string, reminderAt: string, userId: string): string {
  return `reminder:${taskId}:${reminderAt}:${userId}`;
}

/**
 * Fires every reminder that is due now: for each task one notification per recipient (the
 * assignee, or every active member of the team for an unclaimed team task) and, for recipients who
 * want it, an e-mail. Batch by batch, each batch one transaction: claim the due tasks, mark them
 * fired, insert the notifications with insert-or-ignore on their dedupe key, and queue mail only
 * for the notifications that were really inserted. So a reminder fires once even when runs
 * overlap, several workers run, or a run dies halfway (its batch rolls back whole).
 * Reminders of tasks that are no longer open are marked fired without notifying anyone.
 */
export async function fireDueReminders(deps: Deps, opts: { batchSize?: number } = {}): Promise<FireResult> {
  const batchSize = opts.batchSize ?? REMINDER_BATCH_SIZE;
  const total: FireResult = { tasks: 0, notifications: 0, mails: 0 };
  let cursor: ReminderCursor | null = null;
  for (;;) {
    const now = deps.clock.now().toISOString();
    const batch = await deps.db.transaction().execute(async (trx) => {
      const due = await claimDueReminders(trx, deps.dialect, now, batchSize, cursor);
      if (due.length === 0) return null;
      cursor = lastInFiringOrder(due);
      return { due: due.length, ...(await notifyRecipients(trx, deps, due, now)) };
    });
    if (!batch) break;
    total.tasks += batch.due;
    total.notifications += batch.notified.length;
    total.mails += batch.mails;
    notificationHub(deps.db).wake(batch.notified);
    if (batch.due < batchSize) break;
  }
  return total;
}

async function notifyRecipients(
  trx: Tx,
  deps: Deps,
  due: DueReminder[],
  now: string,
): Promise<{ notified: string[]; mails: number }> {
  const open = due.filter((t) => t.status === 'open' && (t.assignee_id || t.team_id));
  const teamIds = open.filter((t) => !t.assignee_id && t.team_id).map((t) => t.team_id as string);
  const members = await getMemberIdsOfTeams(trx, teamIds);
  const recipientsOf = (t: DueReminder): string[] =>
    t.assignee_id ? [t.assignee_id] : (members.get(t.team_id as string) ?? []);
  const users = await getUserSummaries(trx, open.flatMap(recipientsOf));

  const rows: NotificationsTable[] = [];
  const dueText = new Map<string, string | null>();
  for (const task of open) {
    for (const userId of recipientsOf(task)) {
      const user = users.get(userId);
      if (!user?.active) continue;
      const due = formatDue(task, user.locale, deps.config.timezone);
      dueText.set(`${task.id}:${user.locale}`, due);
      rows.push({
        id: uuidv7(),
        user_id: userId,
        kind: REMINDER_KIND,
        title: task.subject,
        body: reminderBody(due, user.locale),
        link: `/tasks/${task.id}`,
        task_id: task.id,
        dedupe_key: reminderDedupeKey(task.id, task.reminder_at, userId),
        created_at: now,
        read_at: null,
      });
    }
  }
  const inserted = await insertNotificationsIgnoringDuplicates(trx, rows);
  if (inserted.length === 0) return { notified: [], mails: 0 };

  // Mail only for notifications this transaction inserted: exactly once, like the notification.
  const settings = await getWorkSettingsOf(
    trx,
    inserted.map((n) => n.user_id),
  );
  const tasks = new Map(open.map((t) => [t.id, t]));
  const mails: OutgoingMail[] = [];
  for (const n of inserted) {
    const user = users.get(n.user_id);
    const task = tasks.get(n.task_id ?? '');
    if (!user || !task || !settings.get(n.user_id)?.emailReminders) continue;
    const due = dueText.get(`${task.id}:${user.locale}`) ?? null;
    const text = reminderMail(
      { name: user.name, subject: task.subject, due, teamTask: !task.assignee_id },
      user.locale,
    );
    mails.push({ to: user.email, ...text });
  }
  await queueMails(trx, deps.clock, mails);
  const notified = inserted.map((n) => n.user_id);
  await announceNotifications(trx, deps.dialect, notified);
  return { notified, mails: mails.length };
}

import type { Locale } from '../../../../contracts/identity';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db, Dialect, Tx } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import { type OutgoingMail, queueMails } from '../../platform/mail/queue-mail';
import { isBuiltinRuleEnabled, recordBuiltinRuns } from '../automation';
import { getMemberIdsOfTeams, getUserSummaries, type UserSummary } from '../identity';
import { announceNotifications, notificationHub } from './notification-hub';
import { insertNotificationsIgnoringDuplicates } from './notifications.repository';
import { formatDue, reminderBody, reminderMailFor } from './reminder-texts';
import {
  claimDueReminders,
  type DueReminder,
  lastInFiringOrder,
  type ReminderCursor,
} from './reminders.repository';
import { WORK_REMINDERS_RULE } from './reminders.rule';
import type { NotificationsTable } from './work.tables';
import { getWorkSettingsOf } from './work-settings.repository';

export const REMINDER_KIND = 'task_reminder';
/**
 * Tasks per transaction. Each commit checkpoints the WAL and rewrites the index pages the batch
 * touched (dedupe keys land all over their index, the claimed tasks all over the table), so fewer,
 * larger batches write much less: 100,000 reminders took 51 commits at 2,000. A batch holds the
 * write lock (on SQLite the server's one connection) for ~0.3–0.4 s at 5,000 on the two-core bench
 * machine; 10,000 would be ~0.6 s.
 */
export const REMINDER_BATCH_SIZE = 5000;

export interface FireResult {
  /** false: the built-in rule `work.reminders` is disabled — due reminders were passed over unsent. */
  enabled: boolean;
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
 * Reminders of tasks that are no longer open are marked fired without notifying anyone, and so
 * are all due reminders while the built-in rule `work.reminders` is disabled (switching it on again
 * does not send a backlog of stale reminders).
 *
 * Each batch that sent something is one run in the rule's history ("120 Erinnerungen gesendet"),
 * not one run per reminder: two more rows per reminder would cost the reminder benchmark (9) about
 * half its rate, and the notifications themselves are the per-task record.
 */
export async function fireDueReminders(deps: Deps, opts: { batchSize?: number } = {}): Promise<FireResult> {
  const batchSize = opts.batchSize ?? REMINDER_BATCH_SIZE;
  const enabled = await isBuiltinRuleEnabled(deps.db, WORK_REMINDERS_RULE);
  const total: FireResult = { enabled, tasks: 0, notifications: 0, mails: 0 };
  let cursor: ReminderCursor | null = null;
  for (;;) {
    const now = deps.clock.now().toISOString();
    const batch = await deps.db.transaction().execute(async (trx) => {
      const due = await claimDueReminders(trx, deps.dialect, now, batchSize, cursor);
      if (due.length === 0) return null;
      cursor = lastInFiringOrder(due);
      if (!enabled) return { due: due.length, notified: [], mails: 0 };
      const sent = await notifyRecipients(trx, deps, due, now);
      if (sent.notified.length > 0) {
        await recordBuiltinRuns(trx, deps.clock, WORK_REMINDERS_RULE, [
          {
            triggerKey: `reminders:${now}:${cursor!.id}`,
            recordType: null,
            recordId: null,
            recordLabel: null,
            reason: `${due.length} fällige Erinnerungen: ${sent.notified.length} Benachrichtigungen, ${sent.mails} E-Mails`,
            results: [],
          },
        ]);
      }
      return { due: due.length, ...sent };
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

/** A task's texts in one language, built once however many recipients read them. */
interface TaskTexts {
  due: string | null;
  body: string | null;
  mail?: (name: string) => { subject: string; text: string };
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
  // for each row: its task, its recipient and the task's texts in the recipient's language
  const rowTask: DueReminder[] = [];
  const rowUser: UserSummary[] = [];
  const rowTexts: TaskTexts[] = [];
  for (const task of open) {
    const texts: Partial<Record<Locale, TaskTexts>> = {};
    const link = `/tasks/${task.id}`;
    const keyPrefix = reminderDedupeKey(task.id, task.reminder_at, '');
    for (const userId of recipientsOf(task)) {
      const user = users.get(userId);
      if (!user?.active) continue;
      let t = texts[user.locale];
      if (!t) {
        const dueText = formatDue(task, user.locale, deps.config.timezone);
        t = { due: dueText, body: reminderBody(dueText, user.locale) };
        texts[user.locale] = t;
      }
      rows.push({
        id: uuidv7(),
        user_id: userId,
        kind: REMINDER_KIND,
        title: task.subject,
        body: t.body,
        link,
        task_id: task.id,
        dedupe_key: keyPrefix + userId,
        created_at: now,
        read_at: null,
      });
      rowTask.push(task);
      rowUser.push(user);
      rowTexts.push(t);
    }
  }
  const inserted = await insertNotificationsIgnoringDuplicates(trx, rows);
  if (inserted.length === 0) return { notified: [], mails: 0 };

  // Mail only for notifications this transaction inserted: exactly once, like the notification.
  const settings = await getWorkSettingsOf(
    trx,
    inserted.map((n) => n.user_id),
  );
  const fresh = new Set(inserted.map((n) => n.dedupe_key));
  const mails: OutgoingMail[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    // `delete`: a key that came twice in the batch was inserted once
    if (!fresh.delete(row.dedupe_key) || !settings.get(row.user_id)?.emailReminders) continue;
    const user = rowUser[i]!;
    const task = rowTask[i]!;
    const texts = rowTexts[i]!;
    texts.mail ??= reminderMailFor(
      { subject: task.subject, due: texts.due, teamTask: !task.assignee_id },
      user.locale,
    );
    mails.push({ to: user.email, ...texts.mail(user.name) });
  }
  await queueMails(trx, deps.clock, mails);
  const notified = inserted.map((n) => n.user_id);
  await announceNotifications(trx, deps.dialect, notified);
  return { notified, mails: mails.length };
}

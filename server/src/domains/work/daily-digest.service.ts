import { businessDate, type Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db, Dialect } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import { queueMail } from '../../platform/mail/queue-mail';
import { getUserSummaries, listTeamIdsOfUser } from '../identity';
import { listDigestUserIds, listDueTasksOf } from './daily-digest.repository';
import { digestMail, digestTitle } from './daily-digest-texts';
import { announceNotifications, notificationHub } from './notification-hub';
import { insertNotificationsIgnoringDuplicates } from './notifications.repository';

export const DIGEST_KIND = 'daily_digest';
/** Tasks listed in one digest; the rest are counted. */
const LISTED = 50;

interface Deps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Pick<Config, 'timezone'>;
}

export interface DigestResult {
  date: string;
  sent: number;
  /** Users with nothing due or overdue: no mail. */
  empty: number;
  /** Users who got today's digest from an earlier run. */
  already: number;
}

/**
 * For each active user with the digest on: one e-mail listing their open tasks due today and
 * overdue (own ones and their teams' unclaimed ones), none when there are none. Exactly once per
 * user and day: a notification with the key `digest:<user>:<date>` is inserted first (insert-or-
 * ignore) and the mail is queued only when that insert happened, in the same transaction.
 */
export async function sendDailyDigests(deps: Deps): Promise<DigestResult> {
  const now = deps.clock.now();
  const today = businessDate(now, deps.config.timezone);
  const at = now.toISOString();
  const result: DigestResult = { date: today, sent: 0, empty: 0, already: 0 };
  const users = await getUserSummaries(deps.db, await listDigestUserIds(deps.db));
  for (const user of users.values()) {
    if (!user.active) continue;
    const teamIds = await listTeamIdsOfUser(deps.db, user.id);
    const counts = await listDueTasksOf(deps.db, user.id, teamIds, today, LISTED);
    const { tasks } = counts;
    if (tasks.length === 0) {
      result.empty += 1;
      continue;
    }
    const overdue = tasks.filter((t) => t.due_date < today);
    const dueToday = tasks.filter((t) => t.due_date === today);
    const sent = await deps.db.transaction().execute(async (trx) => {
      const [inserted] = await insertNotificationsIgnoringDuplicates(trx, [
        {
          id: uuidv7(),
          user_id: user.id,
          kind: DIGEST_KIND,
          title: digestTitle({ today: counts.dueToday, overdue: counts.overdue }, user.locale),
          body: null,
          link: '/tasks',
          task_id: null,
          dedupe_key: `digest:${user.id}:${today}`,
          created_at: at,
          read_at: null,
        },
      ]);
      if (!inserted) return false;
      const mail = digestMail(
        {
          name: user.name,
          today,
          overdue,
          dueToday,
          more: counts.overdue + counts.dueToday - tasks.length,
          timezone: deps.config.timezone,
        },
        user.locale,
      );
      await queueMail(trx, deps.clock, { to: user.email, ...mail });
      await announceNotifications(trx, deps.dialect, [user.id]);
      return true;
    });
    if (sent) {
      result.sent += 1;
      notificationHub(deps.db).wake([user.id]);
    } else {
      result.already += 1;
    }
  }
  return result;
}

import type { WorkSettings } from '../../../../contracts/work';
import { type DbOrTx, fromBool, toBool } from '../../platform/db/database';
import type { WorkSettingsTable } from './work.tables';
import { defaultSettingsFor } from './work-defaults.repository';

function toWorkSettings(row: WorkSettingsTable): WorkSettings {
  return {
    reminderMinutesBefore: row.reminder_minutes_before,
    allDayReminderTime: row.all_day_reminder_time,
    emailReminders: toBool(row.email_reminders),
    dailyDigest: toBool(row.daily_digest),
  };
}

/** A user's reminder settings; the company defaults until the user saves their own (no row yet). */
export async function getWorkSettings(db: DbOrTx, userId: string): Promise<WorkSettings> {
  const row = await db
    .selectFrom('work_settings')
    .selectAll()
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? toWorkSettings(row) : defaultSettingsFor(db);
}

/** Settings of several users at once (missing users get the company defaults). */
export async function getWorkSettingsOf(
  db: DbOrTx,
  userIds: readonly string[],
): Promise<Map<string, WorkSettings>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, WorkSettings>();
  if (ids.length === 0) return result;
  const rows = await db.selectFrom('work_settings').selectAll().where('user_id', 'in', ids).execute();
  for (const row of rows) result.set(row.user_id, toWorkSettings(row));
  if (result.size < ids.length) {
    const defaults = await defaultSettingsFor(db);
    for (const id of ids) if (!result.has(id)) result.set(id, { ...defaults });
  }
  return result;
}

/**
 * Saves part of a user's settings (the rest keeps its current or default value), as one upsert so
 * two processes saving at once cannot both insert. Returns the settings afterwards.
 */
export async function saveWorkSettings(
  db: DbOrTx,
  userId: string,
  patch: Partial<WorkSettings>,
  now: string,
): Promise<WorkSettings> {
  const current = await getWorkSettings(db, userId);
  const next: WorkSettings = {
    reminderMinutesBefore: patch.reminderMinutesBefore ?? current.reminderMinutesBefore,
    allDayReminderTime: patch.allDayReminderTime ?? current.allDayReminderTime,
    emailReminders: patch.emailReminders ?? current.emailReminders,
    dailyDigest: patch.dailyDigest ?? current.dailyDigest,
  };
  const values = {
    reminder_minutes_before: next.reminderMinutesBefore,
    all_day_reminder_time: next.allDayReminderTime,
    email_reminders: fromBool(next.emailReminders),
    daily_digest: fromBool(next.dailyDigest),
    updated_at: now,
  };
  await db
    .insertInto('work_settings')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
  return next;
}

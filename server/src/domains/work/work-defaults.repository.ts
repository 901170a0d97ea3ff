import { DEFAULT_WORK_SETTINGS, type WorkSettings } from '../../../../contracts/work';
import { type DbOrTx, fromBool, toBool } from '../../platform/db/database';

/** The reminder settings a company sets for everyone who has not saved their own. */
export type WorkDefaults = Pick<
  WorkSettings,
  'reminderMinutesBefore' | 'allDayReminderTime' | 'emailReminders'
>;

const ROW_ID = 'company';

/** The company's reminder defaults; the shipped ones (DEFAULT_WORK_SETTINGS) until an admin saves some. */
export async function getWorkDefaults(db: DbOrTx): Promise<WorkDefaults> {
  const row = await db.selectFrom('work_defaults').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
  if (!row) {
    const { reminderMinutesBefore, allDayReminderTime, emailReminders } = DEFAULT_WORK_SETTINGS;
    return { reminderMinutesBefore, allDayReminderTime, emailReminders };
  }
  return {
    reminderMinutesBefore: row.reminder_minutes_before,
    allDayReminderTime: row.all_day_reminder_time,
    emailReminders: toBool(row.email_reminders),
  };
}

/** The settings of a user without their own row: the company defaults, no daily digest. */
export async function defaultSettingsFor(db: DbOrTx): Promise<WorkSettings> {
  return { ...(await getWorkDefaults(db)), dailyDigest: DEFAULT_WORK_SETTINGS.dailyDigest };
}

/** Saves the defaults (the keys given; the rest keep their value) as one upsert; returns them. */
export async function saveWorkDefaults(
  db: DbOrTx,
  patch: Partial<WorkDefaults>,
  by: string | null,
  now: string,
): Promise<WorkDefaults> {
  const current = await getWorkDefaults(db);
  const next: WorkDefaults = {
    reminderMinutesBefore: patch.reminderMinutesBefore ?? current.reminderMinutesBefore,
    allDayReminderTime: patch.allDayReminderTime ?? current.allDayReminderTime,
    emailReminders: patch.emailReminders ?? current.emailReminders,
  };
  const values = {
    reminder_minutes_before: next.reminderMinutesBefore,
    all_day_reminder_time: next.allDayReminderTime,
    email_reminders: fromBool(next.emailReminders),
    updated_by: by,
    updated_at: now,
  };
  await db
    .insertInto('work_defaults')
    .values({ id: ROW_ID, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
  return next;
}

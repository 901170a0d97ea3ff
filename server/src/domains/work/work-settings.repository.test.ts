import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORK_SETTINGS } from '../../../../contracts/work';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { getWorkSettings, getWorkSettingsOf, saveWorkSettings } from './work-settings.repository';

const ANNA = '0190a000-0000-7000-8000-000000000001';
const BEN = '0190a000-0000-7000-8000-000000000002';

describe.each(DIALECTS)('work settings repository (%s)', (dialect) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(dialect);
  });
  afterAll(() => db?.destroy());

  it('gives the defaults to a user without saved settings', async () => {
    expect(await getWorkSettings(db.handle.db, ANNA)).toEqual(DEFAULT_WORK_SETTINGS);
  });

  it('saves part of the settings, keeps the rest, and updates on the second save', async () => {
    const first = await saveWorkSettings(
      db.handle.db,
      ANNA,
      { reminderMinutesBefore: 30 },
      '2026-11-26T09:00:00.000Z',
    );
    expect(first).toEqual({ ...DEFAULT_WORK_SETTINGS, reminderMinutesBefore: 30 });
    await saveWorkSettings(
      db.handle.db,
      ANNA,
      { allDayReminderTime: '07:30', dailyDigest: true },
      '2026-11-26T10:00:00.000Z',
    );
    expect(await getWorkSettings(db.handle.db, ANNA)).toEqual({
      reminderMinutesBefore: 30,
      allDayReminderTime: '07:30',
      emailReminders: true,
      dailyDigest: true,
    });
    const rows = await db.handle.db
      .selectFrom('work_settings')
      .selectAll()
      .where('user_id', '=', ANNA)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.updated_at).toBe('2026-11-26T10:00:00.000Z');
  });

  it('reads several users at once, with defaults for those without a row', async () => {
    const all = await getWorkSettingsOf(db.handle.db, [ANNA, BEN]);
    expect(all.get(ANNA)?.reminderMinutesBefore).toBe(30);
    expect(all.get(BEN)).toEqual(DEFAULT_WORK_SETTINGS);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../platform/jobs/run-job';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { notificationsOf, outbox, reminderUser, teamOf } from './notifications-test-helpers';
import { insertTask } from './work-test-helpers';

describe.each(DIALECTS)('job work.daily-digest (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-12-01T06:00:00.000Z' });
  });
  afterAll(() => t?.close());

  const digest = async (asOf: string) => {
    const run = await runJob(t.ctx, 'work.daily-digest', { asOf });
    expect(run.status).toBe('succeeded');
    return run.summary;
  };

  it('mails each user who wants it their tasks due today and overdue, once per day', async () => {
    expect(t.ctx.jobs.get('work.daily-digest')?.cron).toBe('0 7 * * *');
    const mia = await reminderUser(t, { name: 'Mia Wolf', locale: 'de', dailyDigest: true });
    const noah = await reminderUser(t, { name: 'Noah Kent', locale: 'en', dailyDigest: true });
    const quiet = await reminderUser(t, { name: 'Olga Stumm', dailyDigest: false });
    const idle = await reminderUser(t, { name: 'Paul Frei', dailyDigest: true });
    const team = await teamOf(t, 'Vertrieb Nord', [mia.id, noah.id]);

    await insertTask(t.ctx.db, { subject: 'Angebot Müller', assignee_id: mia.id, due_date: '2026-12-01' });
    await insertTask(t.ctx.db, {
      subject: 'Termin Schulz',
      type: 'meeting',
      assignee_id: mia.id,
      due_date: '2026-12-01',
      due_at: '2026-12-01T13:30:00.000Z',
    });
    await insertTask(t.ctx.db, {
      subject: 'Rechnung nachfassen',
      assignee_id: mia.id,
      due_date: '2026-11-27',
    });
    await insertTask(t.ctx.db, { subject: 'Messe-Leads', team_id: team, due_date: '2026-11-30' });
    // Not in any digest: tomorrow, done, claimed by someone else, no due date, someone else's.
    await insertTask(t.ctx.db, { subject: 'Tomorrow', assignee_id: mia.id, due_date: '2026-12-02' });
    await insertTask(t.ctx.db, {
      subject: 'Done',
      assignee_id: mia.id,
      due_date: '2026-11-20',
      status: 'done',
    });
    await insertTask(t.ctx.db, {
      subject: 'Claimed by Noah',
      team_id: team,
      assignee_id: noah.id,
      due_date: '2026-11-30',
    });
    await insertTask(t.ctx.db, { subject: 'Someday', assignee_id: mia.id });
    await insertTask(t.ctx.db, { subject: 'Olga’s', assignee_id: quiet.id, due_date: '2026-11-30' });

    expect(await digest('2026-12-01')).toBe(
      '2 digests for 2026-12-01 queued, 1 users had nothing due, 0 had theirs already',
    );
    const mails = await outbox(t);
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      ['mia.wolf@muster.de', 'Ihre Aufgaben für 01.12.2026'],
      ['noah.kent@muster.de', 'Your tasks for 1 Dec 2026'],
    ]);
    const miaText = mails[0]!.text_body;
    expect(miaText).toContain('Heute fällig (2):\n- Angebot Müller\n- Termin Schulz — 01.12.2026, 14:30');
    expect(miaText).toContain(
      'Überfällig (2):\n- Rechnung nachfassen — 27.11.2026\n- Messe-Leads (Team) — 30.11.2026',
    );
    for (const s of ['Tomorrow', 'Done', 'Claimed by Noah', 'Someday']) expect(miaText).not.toContain(s);
    const noahText = mails[1]!.text_body;
    expect(noahText).toContain(
      'Overdue (2):\n- Messe-Leads (team) — 30 Nov 2026\n- Claimed by Noah — 30 Nov 2026',
    );
    expect(noahText).not.toContain('Due today');
    expect(mails.map((m) => m.to_address)).not.toContain(idle.email);

    const notes = await notificationsOf(t, mia.id);
    expect(notes.map((n) => [n.kind, n.title, n.dedupe_key])).toEqual([
      ['daily_digest', 'Ihr Tag: 2 heute fällig, 2 überfällig', `digest:${mia.id}:2026-12-01`],
    ]);

    // The same day again (a second worker, a rerun by hand): nothing new.
    expect(await digest('2026-12-01')).toBe(
      '0 digests for 2026-12-01 queued, 1 users had nothing due, 2 had theirs already',
    );
    expect(await outbox(t)).toHaveLength(2);
    // The next day is a new digest.
    expect(await digest('2026-12-02')).toBe(
      '2 digests for 2026-12-02 queued, 1 users had nothing due, 0 had theirs already',
    );
    expect(await outbox(t)).toHaveLength(4);
  });
});

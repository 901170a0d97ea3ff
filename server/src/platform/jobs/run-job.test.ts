import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { createContext } from '../bootstrap';
import { businessDate, FixedClock } from '../clock';
import type { Config } from '../config';
import type { AppContext } from '../context';
import { AppError } from '../http/errors';
import { asOfInstant, runJob } from './run-job';
import { nextRunAt } from './scheduler';

describe('asOfInstant', () => {
  it('is 06:00 in the company time zone on that date, across daylight saving time', () => {
    expect(asOfInstant('2026-12-01', 'Europe/Berlin').toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(asOfInstant('2026-07-01', 'Europe/Berlin').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(asOfInstant('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-29T04:00:00.000Z'); // DST starts 02:00
    expect(asOfInstant('2026-10-25', 'Europe/Berlin').toISOString()).toBe('2026-10-25T05:00:00.000Z'); // DST ends 03:00
    expect(asOfInstant('2026-12-01', 'America/New_York').toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(asOfInstant('2026-12-01', 'UTC').toISOString()).toBe('2026-12-01T06:00:00.000Z');
  });

  it('rejects what is not a calendar date', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '01.12.2026', '2026-12-1', '']) {
      expect(() => asOfInstant(bad, 'Europe/Berlin')).toThrow(AppError);
    }
  });
});

describe('nextRunAt', () => {
  it('evaluates the cron in the time zone', () => {
    const after = new Date('2026-11-26T12:00:00Z');
    expect(nextRunAt('30 3 * * *', 'Europe/Berlin', after)?.toISOString()).toBe('2026-11-27T02:30:00.000Z');
    expect(nextRunAt('30 3 * * *', 'UTC', after)?.toISOString()).toBe('2026-11-27T03:30:00.000Z');
  });
});

describe.each(DIALECTS)('jobs (%s)', (dialect) => {
  let db: TestDatabase;
  let ctx: AppContext;

  async function setup(opts: { scheduler?: boolean } = {}) {
    db = await createTestDatabase(dialect);
    const config: Config = {
      port: 0,
      host: '127.0.0.1',
      database:
        dialect === 'sqlite'
          ? { dialect: 'sqlite', file: db.url.slice(7) }
          : { dialect: 'postgres', url: db.url },
      timezone: 'Europe/Berlin',
      secret: 'test-secret-test-secret-test-secret',
      smtpUrl: null,
      logLevel: 'silent',
      dataDir: '/tmp',
    };
    ctx = await createContext(config, {
      clock: new FixedClock(new Date('2026-11-26T09:00:00.000Z')),
      log: pino({ level: 'silent' }),
      dbHandle: db.handle,
      migrate: false,
      dispatcher: {
        pollIntervalMs: 50,
        scheduler: opts.scheduler ?? true,
        boss: { pollingIntervalSeconds: 0.5 },
      },
    });
  }

  afterEach(async () => {
    await ctx?.dispatcher.stop();
    await db?.destroy();
  });

  it('runs a job as of a date: the job sees that day at 06:00 company time, and the run is recorded', async () => {
    await setup();
    const seen: { now: string; today: string }[] = [];
    ctx.jobs.register({
      name: 'test.remember-now',
      description: 'remembers when it thinks it is',
      cron: '0 7 * * 1-5',
      async run({ clock, config }) {
        seen.push({ now: clock.now().toISOString(), today: businessDate(clock.now(), config.timezone) });
        return { summary: 'remembered' };
      },
    });
    const run = await runJob(ctx, 'test.remember-now', { asOf: '2026-12-01', trigger: 'cli' });
    expect(seen).toEqual([{ now: '2026-12-01T05:00:00.000Z', today: '2026-12-01' }]);
    expect(run).toMatchObject({
      status: 'succeeded',
      summary: 'remembered',
      as_of: '2026-12-01',
      trigger: 'cli',
    });

    await runJob(ctx, 'test.remember-now');
    expect(seen[1]?.now).toBe('2026-11-26T09:00:00.000Z'); // without asOf: the context's clock

    const rows = await ctx.db.selectFrom('job_runs').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.name, r.status, r.as_of, r.started_at])).toEqual([
      ['test.remember-now', 'succeeded', '2026-12-01', '2026-11-26T09:00:00.000Z'],
      ['test.remember-now', 'succeeded', null, '2026-11-26T09:00:00.000Z'],
    ]);
  });

  it('records a failing job as failed, keeps idle scheduled runs out of the history, names the known jobs', async () => {
    await setup();
    ctx.jobs.register({
      name: 'test.broken',
      description: 'always fails',
      cron: '* * * * *',
      async run() {
        throw new Error('no luck today');
      },
    });
    ctx.jobs.register({
      name: 'test.idle',
      description: 'never has work',
      cron: '* * * * *',
      async run() {
        return { summary: 'nothing to do', idle: true };
      },
    });
    const failed = await runJob(ctx, 'test.broken', { trigger: 'api' });
    expect(failed).toMatchObject({ status: 'failed', error: 'no luck today' });
    await runJob(ctx, 'test.idle', { trigger: 'schedule' });
    await runJob(ctx, 'test.idle', { trigger: 'cli' });
    const rows = await ctx.db
      .selectFrom('job_runs')
      .select(['name', 'status', 'trigger'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { name: 'test.broken', status: 'failed', trigger: 'api' },
      { name: 'test.idle', status: 'succeeded', trigger: 'cli' },
    ]);
    await expect(runJob(ctx, 'test.nope')).rejects.toThrow(
      'There is no job "test.nope"; known jobs: platform.prune, platform.send-mail, test.broken, test.idle',
    );
  });

  it('schedules every registered job on its cron in the company time zone when the dispatcher starts', async () => {
    await setup();
    ctx.jobs.register({
      name: 'test.nightly',
      description: 'nightly',
      cron: '15 2 * * *',
      async run() {
        return { summary: 'ok' };
      },
    });
    await ctx.dispatcher.start();
    const scheduled = await (ctx.dispatcher as import('../events/dispatcher').Dispatcher).scheduled();
    expect(scheduled.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'platform.prune', cron: '30 3 * * *', timezone: 'Europe/Berlin' },
      { name: 'platform.send-mail', cron: '* * * * *', timezone: 'Europe/Berlin' },
      { name: 'test.nightly', cron: '15 2 * * *', timezone: 'Europe/Berlin' },
    ]);
  });
});

import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../testing/test-app';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { createContext } from '../bootstrap';
import { FixedClock } from '../clock';
import type { AppContext } from '../context';

async function until(check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(DIALECTS)('background tasks (%s)', (dialect) => {
  let db: TestDatabase;
  let ctx: AppContext;

  async function setup() {
    db = await createTestDatabase(dialect);
    ctx = await createContext(
      testConfig({
        database:
          dialect === 'sqlite'
            ? { dialect: 'sqlite', file: db.url.slice(7) }
            : { dialect: 'postgres', url: db.url },
      }),
      {
        clock: new FixedClock(new Date('2026-11-26T09:00:00.000Z')),
        log: pino({ level: 'silent' }),
        dbHandle: db.handle,
        migrate: false,
        dispatcher: { pollIntervalMs: 50, scheduler: false, boss: { pollingIntervalSeconds: 0.5 } },
      },
    );
  }

  afterEach(async () => {
    await ctx?.dispatcher.stop();
    await db?.destroy();
  });

  it('runs a task in the background with its data: enqueue answers before the task is done', async () => {
    await setup();
    const seen: Array<{ n: number; at: string }> = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    ctx.tasks.register<{ n: number }>({
      name: 'test.remember',
      description: 'remembers its data',
      async run({ clock }, data) {
        await gate;
        seen.push({ n: data.n, at: clock.now().toISOString() });
      },
    });
    await ctx.dispatcher.start();
    await ctx.tasks.enqueue('test.remember', { n: 1 });
    await ctx.tasks.enqueue('test.remember', { n: 2 });
    ctx.tasks.kick('test.remember');
    expect(seen).toEqual([]);
    release();
    await until(() => seen.length === 2);
    expect(seen.map((s) => s.n).sort()).toEqual([1, 2]);
    expect(seen[0]?.at).toBe('2026-11-26T09:00:00.000Z');
    await expect(ctx.tasks.enqueue('test.nope', {})).rejects.toThrow('There is no task "test.nope"');
  });

  it('a task enqueued in a transaction runs after it; on PostgreSQL a rolled-back one never runs', async () => {
    await setup();
    const seen: string[] = [];
    ctx.tasks.register<{ id: string }>({
      name: 'test.after-commit',
      description: 'reads what the transaction wrote',
      async run({ db: taskDb }, data) {
        const row = await taskDb
          .selectFrom('job_runs')
          .select('id')
          .where('id', '=', data.id)
          .executeTakeFirst();
        seen.push(`${data.id}:${row ? 'found' : 'missing'}`);
      },
    });
    await ctx.dispatcher.start();
    const run = (id: string) => ({
      id,
      name: 'x',
      trigger: 'api' as const,
      as_of: null,
      status: 'succeeded' as const,
      summary: null,
      error: null,
      started_at: '2026-11-26T09:00:00.000Z',
      finished_at: null,
    });
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('job_runs').values(run('00000000-0000-7000-8000-000000000001')).execute();
      await ctx.tasks.enqueue('test.after-commit', { id: '00000000-0000-7000-8000-000000000001' }, { trx });
    });
    ctx.tasks.kick('test.after-commit');
    await until(() => seen.length === 1);
    expect(seen).toEqual(['00000000-0000-7000-8000-000000000001:found']);

    await ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('job_runs').values(run('00000000-0000-7000-8000-000000000002')).execute();
        await ctx.tasks.enqueue('test.after-commit', { id: '00000000-0000-7000-8000-000000000002' }, { trx });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    ctx.tasks.kick('test.after-commit');
    await new Promise((r) => setTimeout(r, 1500));
    await ctx.tasks.idle();
    // SQLite runs it once the transaction ended and the task finds nothing; pg-boss never got the job.
    expect(seen.slice(1)).toEqual(
      dialect === 'sqlite' ? ['00000000-0000-7000-8000-000000000002:missing'] : [],
    );
  });

  it('stopping tells running tasks to stop (their signal aborts) and waits for them', async () => {
    await setup();
    let started = false;
    let aborted = false;
    ctx.tasks.register({
      name: 'test.long',
      description: 'runs until told to stop',
      async run({ signal }) {
        started = true;
        await new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => resolve(), { once: true }),
        );
        aborted = signal.aborted;
      },
    });
    await ctx.dispatcher.start();
    await ctx.tasks.enqueue('test.long', {});
    ctx.tasks.kick('test.long');
    await until(() => started);
    await ctx.dispatcher.stop();
    expect(aborted).toBe(true);
  });
});

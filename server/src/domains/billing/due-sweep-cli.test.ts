import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from './business-dates';

/** The CLI as a user runs it, against a temporary SQLite database (as cli.test.ts). */
function kontor(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', ...args],
      {
        env: { ...process.env, LOG_LEVEL: 'silent', ...env },
        cwd: join(import.meta.dirname, '..', '..', '..', '..'),
      },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('kontor run-job billing.due-sweep --as-of (sqlite): dunning levels', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = () => join(dir, 'kontor.db');

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-dunning-cli-'));
    env = { DATABASE_URL: `sqlite:${file()}`, KONTOR_DATA_DIR: dir, KONTOR_SECRET: 'cli-test-secret' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('moves the demo invoices one level on, names the notices per level, and writes nothing the second time', async () => {
    const seed = await kontor(['seed'], env);
    expect(seed.stderr).toBe('');
    expect(seed.code).toBe(0);
    const db = new SQLite(file(), { readonly: true, fileMustExist: true });
    let before: Array<{ level: number; n: number }>;
    let today: string;
    try {
      before = db
        .prepare(
          'select dunning_level as level, count(*) as n from invoices where dunning_level > 0 group by 1',
        )
        .all() as Array<{ level: number; n: number }>;
      today = (db.prepare('select max(notice_date) as d from dunning_notices').get() as { d: string }).d;
    } finally {
      db.close();
    }
    expect(before.map((r) => r.level)).toEqual([1, 2, 3, 4]);

    // two weeks later every demo invoice below the final notice is one level further (and one
    // invoice that fell due meanwhile gets its payment reminder)
    const asOf = addDays(today, 14);
    const run = await kontor(['run-job', 'billing.due-sweep', '--as-of', asOf], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        `^billing\\.due-sweep as of ${asOf}: \\d+ invoices newly overdue \\(due before [0-9-]+\\), \\d+ dunning notices \\((level 1: \\d+, )?level 2: 1, level 3: 1, level 4: 1\\)`,
      ),
    );
    // the short name of the issue works too (the job's own name is printed)
    const again = await kontor(['run-job', 'due-sweep', '--as-of', asOf], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`billing.due-sweep as of ${asOf}: 0 invoices newly overdue`);
    expect(again.stdout).toContain('0 dunning notices');

    const after = new SQLite(file(), { readonly: true, fileMustExist: true });
    try {
      const dup = after
        .prepare(
          'select count(*) as n from (select invoice_id, level from dunning_notices group by 1, 2 having count(*) > 1)',
        )
        .get() as { n: number };
      expect(dup.n).toBe(0);
      const tasks = after
        .prepare(
          "select count(*) as n, count(distinct invoice_id) as invoices from tasks where type = 'collection' and invoice_id is not null",
        )
        .get() as { n: number; invoices: number };
      expect(tasks.n).toBe(tasks.invoices);
    } finally {
      after.close();
    }
  }, 180_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The CLI as a user runs it, against a temporary SQLite database. Each spawn costs about a second: keep them few. */
function kontor(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli.ts', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, cwd: join(import.meta.dirname, '..', '..') },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('kontor CLI (sqlite)', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-cli-'));
    env = {
      DATABASE_URL: `sqlite:${join(dir, 'kontor.db')}`,
      KONTOR_DATA_DIR: dir,
      KONTOR_SECRET: 'cli-test-secret',
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers bad arguments with the usage on stderr and exit code 2', async () => {
    const r = await kontor(['run-job'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Expected 1 argument(s), got 0');
    expect(r.stderr).toContain('Usage: npm run kontor -- <command>');
    expect(r.stdout).toBe('');
  });

  it('runs a job as of a date, then backs the database up to a readable SQLite file', async () => {
    const run = await kontor(['run-job', 'platform.prune', '--as-of', '2026-12-01'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('platform.prune as of 2026-12-01: deleted 0 events');

    const file = join(dir, 'backup.db');
    const backup = await kontor(['backup', file], env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`to ${file}`);
    const copy = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.prepare('select name, as_of, status from job_runs').all()).toEqual([
        { name: 'platform.prune', as_of: '2026-12-01', status: 'succeeded' },
      ]);
    } finally {
      copy.close();
    }
  });

  it('runs the due sweep as of a date', async () => {
    const r = await kontor(['run-job', 'billing.due-sweep', '--as-of', '2026-12-31'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'billing.due-sweep as of 2026-12-31: 0 invoices newly overdue (due before 2026-12-28)',
    );
  });

  it('names the known jobs for an unknown one', async () => {
    const r = await kontor(['run-job', 'billing.nope'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/There is no job "billing\.nope"; known jobs: .*platform\.prune/);
  });
});

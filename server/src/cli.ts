import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { z } from 'zod';
import { CreateUser } from '../../contracts/identity';
import { createUser } from './domains/identity';
import { rebuildSearchIndex } from './domains/search';
import { registerDomains } from './modules';
import { systemActor } from './platform/actor';
import { createContext } from './platform/bootstrap';
import { type Config, ConfigError, loadConfig } from './platform/config';
import type { AppContext } from './platform/context';
import { openDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrate';
import { AppError } from './platform/http/errors';
import { lastRuns } from './platform/jobs/job-runs.repository';
import { runJob } from './platform/jobs/run-job';
import { nextRunAt } from './platform/jobs/scheduler';
import { seedDemo } from './seed';

const USAGE = `Usage: npm run kontor -- <command> [options]

Commands:
  migrate                                  bring the database schema up to date
  seed                                     create the demo company (keeps what exists)
  user:create --email <e> --password <p> --name <n> --role <role> [--locale de|en]
                                           create a user (roles: admin, manager, sales, accounting, purchasing)
  jobs                                     list the scheduled jobs with their last run
  search:rebuild                           index all companies, contacts and deals for the search anew
  run-job <name> [--as-of YYYY-MM-DD]      run a job now (as of 06:00 company time on that date)
  backup <file> [--force]                  SQLite: write a consistent copy of the database to <file>
                                           PostgreSQL: print the pg_dump command
  restore <file> [--force]                 SQLite: replace the database with a backup (stop Kontor first)
                                           PostgreSQL: print the pg_restore command
  help                                     show this text

The database comes from DATABASE_URL (unset: ./data/kontor.db). Exit codes: 0 ok, 1 failed, 2 bad arguments.`;

/** Wrong use of the CLI: exit code 2 with a hint. */
class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);

function parse<O extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: string[],
  options: O,
  positionals: number,
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (parsed.positionals.length !== positionals) {
    throw new UsageError(
      positionals === 0
        ? `Unexpected argument "${parsed.positionals[0]}"`
        : `Expected ${positionals} argument(s), got ${parsed.positionals.length}`,
    );
  }
  return parsed;
}

/** CLI logs go to stderr, quiet unless LOG_LEVEL says otherwise: stdout is for the command's answer. */
function cliLogger() {
  return pino({ level: process.env.LOG_LEVEL ?? 'warn' }, pino.destination(2));
}

async function withContext<T>(config: Config, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createContext(config, { log: cliLogger() });
  try {
    registerDomains(ctx);
    return await fn(ctx);
  } finally {
    await ctx.dispatcher.stop();
    await ctx.dbHandle.close();
  }
}

/** Handles the events the command raised right away (welcome mails etc.), instead of at the server's next poll. */
async function deliverEvents(ctx: AppContext): Promise<void> {
  const r = await ctx.dispatcher.drain();
  if (r.retrying + r.dead)
    out(`Events: ${r.done} handled, ${r.retrying + r.dead} failed (see the dead-letter list)`);
}

function sqliteFile(config: Config, what: string): string {
  if (config.database.dialect !== 'sqlite') throw new Error(`${what} needs SQLite`);
  return config.database.file;
}

/** A Kontor SQLite database: readable, intact and migrated by Kontor. Returns the migrations it has. */
function checkKontorDatabase(file: string): number {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged (quick_check: ${String(check)})`);
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    if (!table) throw new Error(`${file} is not a Kontor database (it has no migrations table)`);
    const { n } = db.prepare('select count(*) as n from kysely_migration').get() as { n: number };
    if (n === 0) throw new Error(`${file} is not a Kontor database (no migrations applied)`);
    return n;
  } catch (err) {
    if (err instanceof Error && /file is not a database|file is encrypted/i.test(err.message)) {
      throw new Error(`${file} is not an SQLite database`);
    }
    throw err;
  } finally {
    db?.close();
  }
}

const commands: Record<string, (argv: string[], config: () => Config) => Promise<number>> = {
  async migrate(argv, config) {
    parse(argv, {}, 0);
    const handle = openDatabase(config().database, { poolSize: 1 });
    try {
      const applied = await migrateToLatest(handle.db);
      out(
        applied.length
          ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
          : 'The database is up to date.',
      );
    } finally {
      await handle.close();
    }
    return 0;
  },

  async seed(argv, config) {
    parse(argv, {}, 0);
    return withContext(config(), async (ctx) => {
      const { logins } = await seedDemo(ctx);
      await deliverEvents(ctx);
      if (!logins.length) out('The demo company already exists; nothing new was created.');
      for (const l of logins) out(`${l.role.padEnd(11)} ${l.email.padEnd(28)} password: ${l.password}`);
      return 0;
    });
  },

  async 'user:create'(argv, config) {
    const { values } = parse(
      argv,
      {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        locale: { type: 'string' },
      },
      0,
    );
    const missing = ['email', 'password', 'name', 'role'].filter(
      (k) => values[k as keyof typeof values] === undefined,
    );
    if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const input = CreateUser.safeParse(values);
    if (!input.success) {
      const issue = input.error.issues[0];
      throw new UsageError(`--${issue?.path.join('.')}: ${issue?.message}`);
    }
    return withContext(config(), async (ctx) => {
      const user = await createUser(ctx, systemActor('cli'), input.data);
      await deliverEvents(ctx);
      out(`Created ${user.role} ${user.email} (${user.id})`);
      return 0;
    });
  },

  async 'search:rebuild'(argv, config) {
    parse(argv, {}, 0);
    return withContext(config(), async (ctx) => {
      const built = await rebuildSearchIndex(ctx.db);
      out(
        `Search index rebuilt: ${built?.companies ?? 0} companies, ${built?.contacts ?? 0} contacts, ${built?.deals ?? 0} deals.`,
      );
      return 0;
    });
  },

  async jobs(argv, config) {
    parse(argv, {}, 0);
    return withContext(config(), async (ctx) => {
      const jobs = ctx.jobs.all().sort((a, b) => a.name.localeCompare(b.name));
      const last = await lastRuns(
        ctx.db,
        jobs.map((j) => j.name),
      );
      out(`Time zone: ${ctx.config.timezone}`);
      for (const j of jobs) {
        const run = last.get(j.name);
        const next = nextRunAt(j.cron, ctx.config.timezone)?.toISOString() ?? '-';
        out(`${j.name.padEnd(28)} ${j.cron.padEnd(14)} next ${next}  ${j.description}`);
        if (run)
          out(`${''.padEnd(28)} last ${run.started_at} ${run.status}: ${run.error ?? run.summary ?? ''}`);
      }
      return 0;
    });
  },

  async 'run-job'(argv, config) {
    const { values, positionals } = parse(argv, { 'as-of': { type: 'string' } }, 1);
    const asOf = values['as-of'];
    if (asOf !== undefined && !z.iso.date().safeParse(asOf).success) {
      throw new UsageError(`--as-of "${asOf}" is not a date; use YYYY-MM-DD`);
    }
    return withContext(config(), async (ctx) => {
      const run = await runJob(ctx, positionals[0]!, { asOf, trigger: 'cli' });
      await deliverEvents(ctx);
      const when = run.as_of ? ` as of ${run.as_of}` : '';
      if (run.status === 'failed') {
        process.stderr.write(`${run.name}${when} failed: ${run.error}\n`);
        return 1;
      }
      out(`${run.name}${when}: ${run.summary}`);
      return 0;
    });
  },

  async backup(argv, config) {
    const { values, positionals } = parse(argv, { force: { type: 'boolean' } }, 1);
    const target = resolve(positionals[0]!);
    const cfg = config();
    if (cfg.database.dialect === 'postgres') {
      out('PostgreSQL: back up with pg_dump (the URL is read from the environment):');
      out(`  pg_dump --format=custom --no-owner --file '${target}' "$DATABASE_URL"`);
      return 0;
    }
    const file = sqliteFile(cfg, 'backup');
    if (existsSync(target) && !values.force)
      throw new Error(`${target} exists; pass --force to overwrite it`);
    checkKontorDatabase(file);
    const db = new SQLite(file, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // The online backup API: a consistent copy even while Kontor is running.
      await db.backup(target);
    } finally {
      db.close();
    }
    // One self-contained file (the copy inherits WAL mode, which keeps -wal/-shm files next to it).
    const copy = new SQLite(target, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    copy.close();
    const migrations = checkKontorDatabase(target);
    out(`Backed up ${file} to ${target} (${migrations} migrations).`);
    return 0;
  },

  async restore(argv, config) {
    const { values, positionals } = parse(argv, { force: { type: 'boolean' } }, 1);
    const source = resolve(positionals[0]!);
    const cfg = config();
    if (cfg.database.dialect === 'postgres') {
      out('PostgreSQL: stop Kontor, then restore with pg_restore (the URL is read from the environment):');
      out(`  pg_restore --clean --if-exists --no-owner --dbname "$DATABASE_URL" '${source}'`);
      return 0;
    }
    const file = sqliteFile(cfg, 'restore');
    const migrations = checkKontorDatabase(source);
    const inUse = [`${file}-wal`, `${file}-shm`].filter((f) => existsSync(f));
    if (inUse.length && !values.force) {
      throw new Error(
        `The database seems to be in use (${inUse.join(', ')} exists); stop Kontor first, or pass --force`,
      );
    }
    const src = new SQLite(source, { readonly: true, fileMustExist: true });
    try {
      // Page by page into the database file through SQLite (not a file copy), so a leftover WAL
      // cannot mix with the restored pages.
      await src.backup(file);
    } finally {
      src.close();
    }
    out(
      `Restored ${file} from ${source} (${migrations} migrations). Newer migrations run on the next start.`,
    );
    return 0;
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    (command ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new UsageError(`Unknown command "${command}"`);
  let config: Config | undefined;
  return run(rest, () => {
    config ??= loadConfig();
    return config;
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`kontor: ${err.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof AppError && err.code === 'jobs.unknown') {
      process.stderr.write(`kontor: ${err.message}\n`);
      process.exit(2);
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`kontor: ${message}\n`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  },
);

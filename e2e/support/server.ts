import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildWebIfStale, REPO_ROOT } from '../../scripts/build-web';
import { startChildServer } from '../../scripts/child-server';
import type { E2eDialect } from './dialects';

export { E2E_DIALECTS, type E2eDialect } from './dialects';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface KontorServer {
  dialect: E2eDialect;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** The demo logins the server printed when it seeded the fresh database. */
  logins: DemoLogin[];
  output(): string;
  stop(): Promise<void>;
}

/** A server the global setup started, as it hands it to the test files (`inject('kontorServers')`). */
export interface SharedKontorServer {
  dialect: E2eDialect;
  url: string;
  logins: DemoLogin[];
  /** The file the server's output goes to (the test files run in other processes). */
  logFile: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    kontorServers: Partial<Record<E2eDialect, SharedKontorServer>>;
  }
}

/** Set once the web app is built for this run: servers started later do not build (or rebuild) it. */
export const WEB_BUILT_ENV = 'KONTOR_E2E_WEB_BUILT';

/** Builds the web app when it is missing or stale; throws when there is none. */
export async function buildWebForE2e(): Promise<void> {
  if (process.env[WEB_BUILT_ENV] === '1') return;
  const result = await buildWebIfStale({ log: (line) => console.log(line) });
  if (result === 'absent') throw new Error('No web app to test: web/vite.config.ts is missing');
  process.env[WEB_BUILT_ENV] = '1';
}

/** The banner lines of server/src/main.ts: `    admin       admin@kontor.demo   password: kontor-demo-admin`. */
function parseLogins(output: string): DemoLogin[] {
  const logins: DemoLogin[] = [];
  for (const m of output.matchAll(/^\s+(\S+)\s+(\S+@\S+)\s+password: (\S+)\s*$/gm)) {
    logins.push({ role: m[1]!, email: m[2]!, password: m[3]! });
  }
  return logins;
}

interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database next to TEST_DATABASE_URL's (dropped again by `drop`). */
async function freshPostgres(): Promise<FreshDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `kontor_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface KontorServerOptions {
  /** More environment for the server, e.g. `SMTP_URL` of a test SMTP server. */
  env?: Record<string, string>;
}

/**
 * A Kontor server of its own, as a person runs it: `server/src/main.ts` through tsx in a child
 * process on a free port, with a fresh database (a SQLite file in a temp folder, or a new
 * PostgreSQL database), so it migrates and seeds the demo company. The web app is built first if it
 * is missing or stale (the global setup has done that already in a test run).
 *
 * Most browser tests share one server per dialect instead (`sharedKontorServer`): start one of
 * your own only when the test needs a server set up differently (e.g. with `SMTP_URL`).
 */
export async function startKontorServer(
  dialect: E2eDialect = 'sqlite',
  options: KontorServerOptions = {},
): Promise<KontorServer & { logFile: string }> {
  await buildWebForE2e();

  const dir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
  const logFile = join(dir, 'server.log');
  let database: FreshDatabase | undefined;
  const cleanUp = async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    database =
      dialect === 'postgres'
        ? await freshPostgres()
        : { url: `sqlite:${join(dir, 'kontor.db')}`, drop: async () => undefined };
    const server = await startChildServer({
      entry: join(REPO_ROOT, 'server', 'src', 'main.ts'),
      cwd: REPO_ROOT,
      readyPath: '/api/health',
      readyOutput: /Kontor is running/,
      // generous: a machine busy with other work can take minutes to transpile and migrate
      timeoutMs: 300_000,
      logFile,
      env: {
        DATABASE_URL: database.url,
        KONTOR_DATA_DIR: dir,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'production',
        ...options.env,
      },
    });
    return {
      dialect,
      url: server.url,
      logins: parseLogins(server.output()),
      logFile,
      output: server.output,
      async stop() {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (err) {
    await cleanUp();
    throw err;
  }
}

/**
 * The server of `dialect` that the global setup (e2e/support/global-setup.ts) started for the whole
 * run, shared by all test files (one file at a time per dialect). It keeps what earlier files wrote:
 * a test makes its data unique (`runId()`) and compares figures before and after, never counts of a
 * pristine demo database. `stop()` does nothing (the global setup stops it at the end).
 */
export function sharedKontorServer(dialect: E2eDialect): KontorServer {
  const shared = inject('kontorServers')?.[dialect];
  if (!shared) {
    throw new Error(
      `No shared ${dialect} server: run the browser tests with e2e/vitest.config.ts (its global setup starts them)`,
    );
  }
  return {
    dialect,
    url: shared.url,
    logins: shared.logins,
    output: () => {
      try {
        return readFileSync(shared.logFile, 'utf8').slice(-100_000);
      } catch {
        return '';
      }
    },
    stop: async () => undefined,
  };
}

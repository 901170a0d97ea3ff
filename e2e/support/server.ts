import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildWebIfStale, REPO_ROOT } from '../../scripts/build-web';
import { startChildServer } from '../../scripts/child-server';

export type E2eDialect = 'sqlite' | 'postgres';

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL is set (as for the other database tests).
 * `E2E_DIALECT=sqlite|postgres` runs one of them only.
 */
export const E2E_DIALECTS: E2eDialect[] = (
  process.env.TEST_DATABASE_URL ? (['sqlite', 'postgres'] as const) : (['sqlite'] as const)
).filter((d) => !process.env.E2E_DIALECT || process.env.E2E_DIALECT === d);

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
 * The real Kontor server as a person runs it: the web app built (if missing or stale), then
 * `server/src/main.ts` through tsx in a child process on a free port, with a fresh database (a
 * SQLite file in a temp folder, or a new PostgreSQL database), so it migrates and seeds the demo company.
 */
export async function startKontorServer(
  dialect: E2eDialect = 'sqlite',
  options: KontorServerOptions = {},
): Promise<KontorServer> {
  const result = await buildWebIfStale({ log: (line) => console.log(line) });
  if (result === 'absent') throw new Error('No web app to test: web/vite.config.ts is missing');

  const dir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
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
      timeoutMs: 120_000,
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWebIfStale, REPO_ROOT } from '../../scripts/build-web';
import { startChildServer } from '../../scripts/child-server';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface KontorServer {
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

/**
 * The real Kontor server as a person runs it: the web app built (if missing or stale), then
 * `server/src/main.ts` through tsx in a child process on a free port, with a fresh SQLite
 * database in a temp folder, so it migrates and seeds the demo company.
 */
export async function startKontorServer(): Promise<KontorServer> {
  const result = await buildWebIfStale({ log: (line) => console.log(line) });
  if (result === 'absent') throw new Error('No web app to test: web/vite.config.ts is missing');

  const dir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
  try {
    const server = await startChildServer({
      entry: join(REPO_ROOT, 'server', 'src', 'main.ts'),
      cwd: REPO_ROOT,
      readyPath: '/api/health',
      readyOutput: /Kontor is running/,
      timeoutMs: 120_000,
      env: {
        DATABASE_URL: `sqlite:${join(dir, 'kontor.db')}`,
        KONTOR_DATA_DIR: dir,
        LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
        NODE_ENV: 'production',
      },
    });
    return {
      url: server.url,
      logins: parseLogins(server.output()),
      output: server.output,
      async stop() {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

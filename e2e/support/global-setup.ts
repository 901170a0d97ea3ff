import type { TestProject } from 'vitest/node';
import { E2E_DIALECTS } from './dialects';
import { buildWebForE2e, type KontorServer, type SharedKontorServer, startKontorServer } from './server';

/**
 * The browser tests' global setup: builds the web app once (if missing or stale), then starts one
 * Kontor server per dialect of the run (fresh database, migrated and seeded once) for all test files
 * to share (`sharedKontorServer(dialect)`), and stops them after the last file.
 */
export default async function setup(project: TestProject) {
  await buildWebForE2e();
  const started = await Promise.allSettled(E2E_DIALECTS.map((dialect) => startKontorServer(dialect)));
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const stopAll = async () => {
    await Promise.all(servers.map((s: KontorServer) => s.stop()));
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const shared: Partial<Record<string, SharedKontorServer>> = {};
  for (const s of servers) {
    shared[s.dialect] = { dialect: s.dialect, url: s.url, logins: s.logins, logFile: s.logFile };
  }
  project.provide('kontorServers', shared);
  return stopAll;
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Kontor's server (server/src/main.ts) with a CPU profile of its whole run, written to
 * BENCH_PROFILE (a folder) as `kontor-<pid>.cpuprofile` when it exits (`npm run bench` stops it
 * with SIGTERM). `--cpu-prof` itself is not allowed in NODE_OPTIONS, and the shared child-process
 * helper starts every entry as `node --import tsx <entry>`; open the file in Chrome DevTools.
 */
const dir = process.env.BENCH_PROFILE;
if (!dir) throw new Error('BENCH_PROFILE is not set');
const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.start');
process.on('exit', () => {
  // the in-process inspector session answers synchronously, so this runs before the exit
  session.post('Profiler.stop', (err, result) => {
    if (err) return;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `kontor-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});

await import('../../server/src/main');

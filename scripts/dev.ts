import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './build-web';

/**
 * `npm run dev`: the API server with reload (`tsx watch server/src/main.ts`, port 3000) and the Vite
 * dev server (port 5173, proxying /api to 3000) side by side. Ctrl-C stops both; when one of them
 * exits, the other is stopped too.
 */
const require = createRequire(join(REPO_ROOT, 'package.json'));
const bin = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

if (process.env.PORT && process.env.PORT !== '3000') {
  console.warn(
    `PORT=${process.env.PORT}: the Vite dev server proxies /api to port 3000 (web/vite.config.ts).`,
  );
}

const children: { name: string; proc: ChildProcess }[] = [
  {
    name: 'server',
    // The server gets no stdin (the terminal's keys belong to Vite's shortcuts) and a process group of
    // its own, so it gets Ctrl-C once, from us: a second SIGINT makes `tsx watch` kill it mid-shutdown.
    proc: spawn(process.execPath, [bin('tsx', 'dist/cli.mjs'), 'watch', 'server/src/main.ts'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: true,
    }),
  },
  {
    name: 'web',
    proc: spawn(process.execPath, [bin('vite', 'bin/vite.js'), '--config', 'web/vite.config.ts'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    }),
  },
];

let stopping = false;
let exitCode = 0;

function stopAll(signal: NodeJS.Signals) {
  for (const { proc } of children) {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
  }
}

for (const { name, proc } of children) {
  proc.on('error', (err) => {
    console.error(`[dev] could not start the ${name}: ${err.message}`);
    exitCode = 1;
    stopping = true;
    stopAll('SIGTERM');
  });
  proc.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[dev] the ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest.`);
      exitCode = code ?? 1;
      stopping = true;
      stopAll('SIGTERM');
    }
    if (children.every((c) => c.proc.exitCode !== null || c.proc.signalCode !== null)) process.exit(exitCode);
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    stopAll(signal);
  });
}
// Should this process die without the handlers above, take the detached server along.
process.on('exit', () => stopAll('SIGTERM'));

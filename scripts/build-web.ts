import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

/** The repository root (this file lives in scripts/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What the built web app depends on: a change to any of these makes web/dist stale. */
const WEB_INPUTS = [
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'web/postcss.config.cjs',
  // The web app imports its request/response schemas from contracts/.
  'contracts',
];

export type WebBuildState =
  | { status: 'fresh' }
  | { status: 'stale'; reason: string }
  /** There is no web app to build (no web/vite.config.ts): serve the API only. */
  | { status: 'absent' };

/** Newest modification time (ms) of a file, or of any file below a folder; 0 when missing. */
function newestMtime(path: string): { mtime: number; file: string } {
  let best = { mtime: 0, file: path };
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return best;
  }
  if (!stat.isDirectory()) return { mtime: stat.mtimeMs, file: path };
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    // Tests are not part of the bundle: changing one must not trigger a rebuild on start.
    if (/\.test\.tsx?$/.test(entry.name)) continue;
    const found = newestMtime(join(path, entry.name));
    if (found.mtime > best.mtime) best = found;
  }
  return best;
}

/** Whether web/dist is missing or older than its sources (a quick mtime walk, no hashing). */
export function webBuildState(root = REPO_ROOT): WebBuildState {
  if (!existsSync(join(root, 'web', 'vite.config.ts'))) return { status: 'absent' };
  const index = join(root, 'web', 'dist', 'index.html');
  if (!existsSync(index)) return { status: 'stale', reason: 'web/dist/index.html is missing' };
  const built = statSync(index).mtimeMs;
  for (const input of WEB_INPUTS) {
    const newest = newestMtime(join(root, input));
    if (newest.mtime > built) {
      return {
        status: 'stale',
        reason: `${newest.file.slice(root.length + 1)} changed since the last build`,
      };
    }
  }
  return { status: 'fresh' };
}

export class WebBuildError extends Error {
  constructor(
    message: string,
    /** The last lines vite printed, to show the person why. */
    readonly output: string,
  ) {
    super(message);
  }
}

/** Runs `vite build --config web/vite.config.ts` in a child process; output is kept and shown only on failure. */
export function buildWeb(root = REPO_ROOT): Promise<void> {
  const require = createRequire(join(root, 'package.json'));
  let viteBin: string;
  try {
    viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return Promise.reject(new WebBuildError('vite is not installed; run "npm ci" first', ''));
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', '--config', 'web/vite.config.ts'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      // The output is shown only on failure, as plain text unless a terminal will show it.
      env: { ...process.env, NODE_ENV: 'production', ...(process.stderr.isTTY ? {} : { NO_COLOR: '1' }) },
    });
    const chunks: string[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
    child.on('error', (err) =>
      reject(new WebBuildError(`could not run vite: ${err.message}`, chunks.join(''))),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve();
      let output = chunks.join('').split('\n').slice(-40).join('\n');
      if (!process.stderr.isTTY) output = stripVTControlCharacters(output);
      reject(new WebBuildError(`vite build failed (${signal ?? `exit code ${code}`})`, output));
    });
  });
}

/**
 * Builds the web app when web/dist is missing or older than its sources. Returns what it did.
 * `log` receives one short line before a build starts.
 */
export async function buildWebIfStale(
  opts: { root?: string; log?: (line: string) => void } = {},
): Promise<'built' | 'fresh' | 'absent'> {
  const root = opts.root ?? REPO_ROOT;
  const state = webBuildState(root);
  if (state.status !== 'stale') return state.status;
  const firstBuild = state.reason.includes('missing');
  opts.log?.(
    firstBuild ? 'Building the web app (first start only)…' : `Rebuilding the web app (${state.reason})…`,
  );
  await buildWeb(root);
  return 'built';
}

import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ChildServer {
  url: string;
  port: number;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface ChildServerOptions {
  /** A TypeScript entry file, run as `node --import tsx <entry>`. */
  entry: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** The path answering 200 once the server is ready. */
  readyPath: string;
  timeoutMs?: number;
  /** Also wait until the child has printed this (e.g. a banner printed right after listening). */
  readyOutput?: RegExp;
  /** Print the child's output as it comes (default: keep it quiet, show it on failure). */
  inheritOutput?: boolean;
  /** Also append the child's output to this file (for another process to read, e.g. a test worker). */
  logFile?: string;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/**
 * Starts a server in a child process on a free port (passed as PORT) and waits until `readyPath`
 * answers 200. Throws with the child's output when it exits or does not become ready in time.
 */
export async function startChildServer(opts: ChildServerOptions): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', opts.entry], {
    cwd: opts.cwd,
    env: { ...process.env, ...opts.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (d: Buffer) => {
    const s = d.toString();
    out += s;
    if (out.length > 200_000) out = out.slice(-100_000);
    if (opts.inheritOutput) process.stderr.write(s);
    if (opts.logFile) appendFileSync(opts.logFile, s);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited(child)) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (exited(child)) {
      throw new Error(
        `${opts.entry} exited (${child.signalCode ?? child.exitCode}) before it was ready:\n${out}`,
      );
    }
    try {
      const res = await fetch(url + opts.readyPath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok && (!opts.readyOutput || opts.readyOutput.test(out))) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${opts.entry} did not answer ${opts.readyPath} within ${opts.timeoutMs ?? 60_000} ms:\n${out}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, output: () => out, stop };
}

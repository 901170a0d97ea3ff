import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * SQLite checkpoints in a background thread.
 *
 * In WAL mode a commit appends pages to the WAL; a checkpoint copies them into the database file and
 * syncs it. By default the connection that commits runs the checkpoint whenever the WAL passes 1,000
 * pages, inside that commit: on Kontor's single writer that blocked everything else, and it was
 * most of the commit time (100,000 automation events: commits 3.1 s with, 0.7 s without). Here a
 * worker thread with a connection of its own runs `wal_checkpoint(PASSIVE)` every `intervalMs`: it
 * never blocks the writer or readers, and it uses another core. The writer's own automatic
 * checkpoint stays as a fallback at `fallbackPages` (should the thread fall behind or die, the WAL
 * cannot grow without bound), and `journal_size_limit` shrinks a WAL that grew under load.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

/** The thread's code (CommonJS, evaluated): plain JavaScript, no TypeScript loader needed. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message ? err.message : err) });
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    parentPort.close();
  }
});
`;

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  opts: { intervalMs?: number; fallbackPages?: number; onError?: (message: string) => void } = {},
): Checkpointer {
  sqlite.pragma(`wal_autocheckpoint = ${opts.fallbackPages ?? 20_000}`);
  sqlite.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      intervalMs: opts.intervalMs ?? 100,
    },
  });
  // the thread never keeps the process alive: a server exits when its work is done
  worker.unref();
  worker.on('message', (m: { error?: string }) => {
    if (m.error) opts.onError?.(m.error);
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  let exited = false;
  worker.once('exit', () => {
    exited = true;
  });
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= exited
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            // held until the thread has ended: an unreferenced thread would let the process exit
            // while this promise is awaited
            worker.ref();
            worker.postMessage('stop');
          });
      return stopped;
    },
  };
}

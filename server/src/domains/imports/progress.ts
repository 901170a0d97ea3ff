import type { Dialect } from '../../platform/db/database';

/** How far a running import is, as this process knows it. */
export interface LiveProgress {
  phase: 'validating' | 'importing';
  processed: number;
  bytes: number;
}

/**
 * Progress of the imports running in this process, kept in memory and read by GET /api/imports/:id
 * here. It is also saved to the import's row every second or so — except while the rows are written
 * on SQLite: the write transaction holds the one connection then, so the saving would wait for it.
 */
const live = new Map<string, LiveProgress>();

export function liveProgressOf(importId: string): LiveProgress | undefined {
  return live.get(importId);
}

/** Imports queued to run in this process and not finished yet. */
const queued = new Set<string>();

export function markQueued(importId: string): void {
  queued.add(importId);
}

export function unmarkQueued(importId: string): void {
  queued.delete(importId);
}

/** Imports queued or running in this process (the recovery job leaves them alone). */
export function isRunningHere(importId: string): boolean {
  return live.has(importId) || queued.has(importId);
}

export interface ProgressTracker {
  update(p: Omit<LiveProgress, 'phase'>): void;
  phase(phase: LiveProgress['phase']): void;
  /** Waits for a save in flight (before a transaction takes the SQLite connection). */
  idle(): Promise<void>;
  /** Waits for a save in flight and saves no more (before the final write of the import's row). */
  settle(): Promise<void>;
  end(): void;
}

/**
 * Tracks one run's progress: in memory at once, to the database at most every `everyMs` through
 * `save` (a connection of its own on PostgreSQL). `saveWhileWriting`: whether saving may happen in
 * the write phase (not on SQLite).
 */
export function trackProgress(
  importId: string,
  dialect: Dialect,
  save: (p: LiveProgress) => Promise<unknown>,
  opts: { everyMs?: number; now?: () => number } = {},
): ProgressTracker {
  const everyMs = opts.everyMs ?? 1000;
  const now = opts.now ?? Date.now;
  const state: LiveProgress = { phase: 'validating', processed: 0, bytes: 0 };
  live.set(importId, state);
  let last = now();
  let inFlight: Promise<unknown> | null = null;
  let stopped = false;

  const maybeSave = () => {
    if (stopped || inFlight || now() - last < everyMs) return;
    if (state.phase === 'importing' && dialect === 'sqlite') return;
    last = now();
    inFlight = save({ ...state })
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
  };

  return {
    update(p) {
      state.processed = p.processed;
      state.bytes = p.bytes;
      maybeSave();
    },
    phase(phase) {
      state.phase = phase;
      state.processed = 0;
    },
    async idle() {
      await inFlight;
    },
    async settle() {
      stopped = true;
      await inFlight;
    },
    end() {
      stopped = true;
      live.delete(importId);
    },
  };
}

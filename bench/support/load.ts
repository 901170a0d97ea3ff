import autocannon, { type RequestSpec } from 'autocannon';

export interface LoadResult {
  /** Mean requests per second over the measured window. */
  reqPerSec: number;
  p50Ms: number;
  /** From every response's own latency (autocannon's histogram has no 95th percentile). */
  p95Ms?: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  duration: number;
  warmup: number;
  headers?: Record<string, string>;
  /** Paths to cycle through (each connection walks the list from its own offset); default: the url's path. */
  paths?: string[];
  /**
   * Record each response's latency and compute p50/p95/p99 from them, exactly (fractional ms),
   * instead of autocannon's whole-millisecond histogram.
   */
  exactLatencies?: boolean;
}

function requestsFor(paths: string[] | undefined): RequestSpec[] | undefined {
  if (!paths?.length) return undefined;
  let next = 0;
  return [
    {
      setupRequest: (request) => {
        request.path = paths[next]!;
        next = (next + 1) % paths.length;
        return request;
      },
    },
  ];
}

/** The p-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** HTTP load with autocannon: an unmeasured warm-up, then the measured run. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = { url: opts.url, connections: opts.connections, headers: opts.headers ?? {}, timeout: 10 };
  if (opts.warmup > 0)
    await autocannon({ ...base, duration: opts.warmup, requests: requestsFor(opts.paths) });
  const latencies: number[] = [];
  const instance = autocannon({ ...base, duration: opts.duration, requests: requestsFor(opts.paths) });
  if (opts.exactLatencies) instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const r = await instance;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(stat.count);
  const exact = opts.exactLatencies && latencies.length ? Float64Array.from(latencies).sort() : null;
  return {
    reqPerSec: r.requests.average,
    p50Ms: exact ? percentile(exact, 50) : r.latency.p50,
    ...(exact ? { p95Ms: percentile(exact, 95) } : {}),
    p99Ms: exact ? percentile(exact, 99) : r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
  };
}

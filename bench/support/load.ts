import autocannon, { type RequestSpec } from 'autocannon';

export interface LoadResult {
  /** Mean requests per second over the measured window. */
  reqPerSec: number;
  p50Ms: number;
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

/** HTTP load with autocannon: an unmeasured warm-up, then the measured run. */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const base = { url: opts.url, connections: opts.connections, headers: opts.headers ?? {}, timeout: 10 };
  if (opts.warmup > 0)
    await autocannon({ ...base, duration: opts.warmup, requests: requestsFor(opts.paths) });
  const r = await autocannon({ ...base, duration: opts.duration, requests: requestsFor(opts.paths) });
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(stat.count);
  return {
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
  };
}

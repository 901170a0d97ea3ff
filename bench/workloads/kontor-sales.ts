import Database from 'better-sqlite3';
import type { BenchConfig } from '../support/config';
import { type LoadResult, runLoad } from '../support/load';
import { fetchJson } from './kontor-api';

/**
 * (3) `GET /api/deals?stageId=…&sort=-amount&limit=50` with the session cookie, under load: the first
 * page of a board column, cycling through all stages of the pipeline (each holds 6–35 % of the deals).
 */
export async function dealListThroughput(
  cfg: BenchConfig,
  baseUrl: string,
  cookie: string,
  stageIds: readonly string[],
): Promise<LoadResult> {
  const paths = stageIds.map((id) => `/api/deals?stageId=${id}&sort=-amount&limit=50`);
  for (const path of paths) {
    const page = await fetchJson<{ items: { stageId: string; amountCents: number }[] }>(
      baseUrl + path,
      cookie,
    );
    if (page.items.length !== 50 || page.items.some((d) => d.stageId !== page.items[0]!.stageId)) {
      throw new Error(`GET ${path} did not answer a page of 50 deals of the stage`);
    }
  }
  return runLoad({ url: `${baseUrl}/`, ...cfg, headers: { cookie }, paths, exactLatencies: true });
}

export interface FunnelComparison {
  /** Each `GET /api/reports/funnel` (ms), one request at a time. */
  funnelMs: number[];
  /** Each raw GROUP BY (ms), interleaved with the requests. */
  rawMs: number[];
  historyRows: number;
  groups: number;
}

export const RAW_FUNNEL_SQL =
  'SELECT to_stage_id, COUNT(*) AS n, SUM(amount_cents) AS total FROM deal_stage_history GROUP BY to_stage_id';

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * (4) and (e): the funnel report of the pipeline as the admin (sees all deals: one GROUP BY over the
 * pipeline's stage history, plus the won/lost deals), against the same GROUP BY done raw —
 * `GROUP BY to_stage_id` with `COUNT(*)` and `SUM(amount_cents)` over all stage-history rows — with
 * better-sqlite3 on the same database file, while the server idles. One unmeasured run of each
 * first (statement preparation, page cache), then `runs` of each, alternating, so both see the
 * same machine load.
 */
export async function funnelVersusGroupBy(
  baseUrl: string,
  cookie: string,
  dbFile: string,
  pipelineId: string,
  runs: number,
): Promise<FunnelComparison> {
  const sqlite = new Database(dbFile, { readonly: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    const groupBy = sqlite.prepare(RAW_FUNNEL_SQL);
    const url = `${baseUrl}/api/reports/funnel?pipelineId=${pipelineId}`;
    const raw = () => {
      const t0 = performance.now();
      const rows = groupBy.all() as { n: number }[];
      return { ms: performance.now() - t0, rows };
    };
    const api = async () => {
      const t0 = performance.now();
      const report = await fetchJson<{ stages: { entered: number }[] }>(url, cookie);
      return { ms: performance.now() - t0, report };
    };
    const warm = raw();
    const first = await api();
    if (!first.report.stages.length || first.report.stages.every((s) => s.entered === 0)) {
      throw new Error('the funnel report counts no stage entries');
    }
    const funnelMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      rawMs.push(raw().ms);
      funnelMs.push((await api()).ms);
    }
    return {
      funnelMs,
      rawMs,
      historyRows: warm.rows.reduce((s, r) => s + r.n, 0),
      groups: warm.rows.length,
    };
  } finally {
    sqlite.close();
  }
}

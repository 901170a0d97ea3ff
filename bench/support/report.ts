export type Unit = 'req/s' | 'rows/s' | 'ms';

/** One line of the results: a measurement, and (for Kontor's) the baseline it is compared with. */
export interface ResultRow {
  id: string;
  workload: string;
  kind: 'baseline' | 'kontor';
  unit: Unit;
  value: number | null;
  p95Ms?: number;
  p99Ms?: number;
  /** Non-2xx responses or connection errors seen under load (should be 0). */
  failures?: number;
  note?: string;
  baselineId?: string;
  /** value / baseline value (throughputs: higher is better; times in ms: lower is better). */
  ratio?: number;
  error?: string;
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatValue(
  row: Pick<ResultRow, 'value' | 'unit' | 'p95Ms' | 'p99Ms' | 'failures' | 'error'>,
): string {
  if (row.error) return `error: ${row.error.split('\n')[0]!.slice(0, 60)}`;
  if (row.value === null) return 'not run';
  let s = row.unit === 'ms' ? `${dec.format(row.value)} ms` : `${int.format(row.value)} ${row.unit}`;
  if (row.p95Ms !== undefined) s += `, p95 ${dec.format(row.p95Ms)} ms`;
  if (row.p99Ms !== undefined) s += `, p99 ${dec.format(row.p99Ms)} ms`;
  if (row.failures) s += ` (${int.format(row.failures)} failed!)`;
  return s;
}

export function withRatios(rows: ResultRow[]): ResultRow[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return rows.map((r) => {
    const base = r.baselineId ? byId.get(r.baselineId) : undefined;
    if (!base || base.value === null || r.value === null || base.value === 0 || r.error || base.error)
      return r;
    return { ...r, ratio: r.value / base.value };
  });
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

/** A plain-text table: workload, result, baseline, ratio. */
export function renderTable(rows: ResultRow[]): string {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const lines = rows.map((r) => {
    const base = r.baselineId ? byId.get(r.baselineId) : undefined;
    return [
      `${r.id.padEnd(3)} ${r.workload}`,
      formatValue(r),
      base
        ? `${base.id} ${formatValue({ ...base, p95Ms: undefined, p99Ms: undefined, failures: undefined })}`
        : '',
      r.ratio === undefined
        ? ''
        : r.unit === 'ms'
          ? `${r.ratio.toFixed(2)} ×`
          : `${(r.ratio * 100).toFixed(0)} %`,
    ];
  });
  const header = ['workload', 'result', 'baseline', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cols: string[]) =>
    cols
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [fmt(header), rule, ...lines.map(fmt)].join('\n');
}

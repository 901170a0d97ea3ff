import { readFileSync } from 'node:fs';
import { CONTACTS_CSV_MAPPING } from '../generators/contacts-csv';
import { fetchJson } from './kontor-api';

interface ImportState {
  id: string;
  status: 'uploaded' | 'validating' | 'importing' | 'done' | 'failed';
  rowCount: number | null;
  progress: { processed: number; total: number | null; percent: number };
  counts: { created: number; updated: number; skipped: number; rejected: number };
  error: string | null;
}

export interface ImportRun {
  rows: number;
  bytes: number;
  /** From the first byte of the upload to the poll that saw `done`. */
  seconds: number;
  uploadSeconds: number;
  /**
   * From the start request to the last poll that still saw `validating` (the write pass begins
   * after it), and to the first that saw `importing` (null if none did: polls wait while the write
   * transaction holds the database connection).
   */
  lastValidatingSeconds: number | null;
  firstImportingSeconds: number | null;
  /** Of the whole run, from the start request to the poll seeing `done`. */
  runSeconds: number;
  counts: ImportState['counts'];
  polls: number;
  /** The slowest and the median answer to `GET /api/imports/:id` while the import ran. */
  maxPollMs: number;
  medianPollMs: number;
}

const POLL_EVERY_MS = 250;

/**
 * (6) The CSV import through the API, as the web app does it: `POST /api/imports?entityType=contacts`
 * with the file as `text/csv` body, `POST /api/imports/:id/start` with the column mapping (duplicates:
 * skip, the default), then `GET /api/imports/:id` every 250 ms until `done`. Timed from the start of
 * the upload to the poll that sees `done`; each poll's answer time is kept too (the server should
 * keep answering while it imports).
 */
export async function importContactsCsv(
  baseUrl: string,
  session: { cookie: string; csrfToken: string },
  csvPath: string,
  rows: number,
  timeoutMs = 30 * 60_000,
): Promise<ImportRun> {
  const body = readFileSync(csvPath);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken };
  const t0 = performance.now();
  const up = await fetch(`${baseUrl}/api/imports?entityType=contacts&filename=bench-contacts.csv`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    body,
  });
  if (up.status !== 201)
    throw new Error(`POST /api/imports answered ${up.status}: ${(await up.text()).slice(0, 500)}`);
  const upload = (await up.json()) as { id: string; headers: string[] };
  const uploadSeconds = (performance.now() - t0) / 1000;
  const mapping = Object.fromEntries(
    upload.headers.map((h) => [h, (CONTACTS_CSV_MAPPING as Record<string, string>)[h] ?? null]),
  );
  const start = await fetch(`${baseUrl}/api/imports/${upload.id}/start`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping, duplicateMode: 'skip' }),
  });
  if (start.status !== 202) {
    throw new Error(
      `POST /api/imports/:id/start answered ${start.status}: ${(await start.text()).slice(0, 500)}`,
    );
  }
  await start.arrayBuffer();
  const tStarted = performance.now();

  const pollMs: number[] = [];
  let state: ImportState | null = null;
  let importingAt: number | null = null;
  let validatingAt: number | null = null;
  for (;;) {
    const p0 = performance.now();
    state = await fetchJson<ImportState>(`${baseUrl}/api/imports/${upload.id}`, session.cookie);
    const now = performance.now();
    pollMs.push(now - p0);
    if (state.status === 'importing' && importingAt === null) importingAt = now;
    if (state.status === 'validating') validatingAt = p0;
    if (state.status === 'done' || state.status === 'failed') break;
    if (now - t0 > timeoutMs)
      throw new Error(`the import did not finish within ${timeoutMs / 60_000} minutes`);
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
  const done = performance.now();
  if (state.status === 'failed') throw new Error(`the import failed: ${state.error}`);
  if (state.counts.created !== rows) {
    throw new Error(
      `the import created ${state.counts.created} of ${rows} contacts (skipped ${state.counts.skipped}, rejected ${state.counts.rejected})`,
    );
  }
  const sorted = [...pollMs].sort((a, b) => a - b);
  return {
    rows,
    bytes: body.length,
    seconds: (done - t0) / 1000,
    uploadSeconds,
    lastValidatingSeconds: validatingAt === null ? null : (validatingAt - tStarted) / 1000,
    firstImportingSeconds: importingAt === null ? null : (importingAt - tStarted) / 1000,
    runSeconds: (done - tStarted) / 1000,
    counts: state.counts,
    polls: pollMs.length,
    maxPollMs: sorted[sorted.length - 1] ?? 0,
    medianPollMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
  };
}

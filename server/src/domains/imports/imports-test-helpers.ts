import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Import, ImportUpload, StartImport } from '../../../../contracts/imports';
import type { TestSession } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';

/** A data folder of its own for a test app (uploaded files go to `<dir>/imports`). */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'kontor-imports-'));
}

/** Upload, start and wait for imports through the API, as the web app does. */
export function importClient(t: TestApp) {
  const upload = (
    s: TestSession,
    entityType: string,
    body: string | Buffer,
    opts: { filename?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/imports?entityType=${entityType}&filename=${encodeURIComponent(opts.filename ?? `${entityType}.csv`)}`,
      headers: { ...s.headers, 'content-type': opts.contentType ?? 'text/csv', ...opts.headers },
      payload: body,
    });

  const uploaded = async (s: TestSession, entityType: string, body: string | Buffer, filename?: string) => {
    const res = await upload(s, entityType, body, filename ? { filename } : {});
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body}`);
    return res.json<ImportUpload>();
  };

  const start = (
    s: TestSession,
    id: string,
    body: Partial<StartImport> & { mapping: StartImport['mapping'] },
  ) => t.app.inject({ method: 'POST', url: `/api/imports/${id}/start`, headers: s.headers, payload: body });

  const get = async (s: TestSession, id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: s.headers })).json<Import>();

  /** Polls like the progress bar until the import is done or failed. */
  const finished = async (s: TestSession, id: string, ms = 60_000): Promise<Import> => {
    const end = Date.now() + ms;
    for (;;) {
      const imp = await get(s, id);
      if (imp.status === 'done' || imp.status === 'failed') return imp;
      if (Date.now() > end) throw new Error(`import ${id} still ${imp.status} after ${ms} ms`);
      await new Promise((r) => setTimeout(r, 30));
    }
  };

  /** Upload, start with the suggested mapping (or `mapping`), wait: the whole flow. */
  const run = async (
    s: TestSession,
    entityType: string,
    body: string | Buffer,
    opts: Partial<StartImport> = {},
  ): Promise<{ upload: ImportUpload; result: Import }> => {
    const up = await uploaded(s, entityType, body);
    const res = await start(s, up.id, { ...opts, mapping: opts.mapping ?? up.suggestedMapping });
    if (res.statusCode !== 202) throw new Error(`start: ${res.statusCode} ${res.body}`);
    return { upload: up, result: await finished(s, up.id) };
  };

  return { upload, uploaded, start, get, finished, run };
}

/** Windows-1252 bytes of a text (what German Excel writes as "CSV"): Latin-1 plus € „ “ – and friends. */
export function windows1252(text: string): Buffer {
  const special: Record<string, number> = {
    '€': 0x80,
    '‚': 0x82,
    '„': 0x84,
    '…': 0x85,
    '–': 0x96,
    '—': 0x97,
    '“': 0x93,
    '”': 0x94,
    '‘': 0x91,
    '’': 0x92,
  };
  return Buffer.from(
    [...text].map((c) => {
      const code = special[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`${c} is not in Windows-1252`);
      return code;
    }),
  );
}

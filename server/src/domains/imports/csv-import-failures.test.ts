import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { requester } from '../companies/companies-test-helpers';
import { importClient, tempDataDir } from './imports-test-helpers';
import { MAINTENANCE_JOB } from './maintenance.job';

const LIMIT = 256 * 1024;

describe.each(DIALECTS)('CSV import failures and permissions (%s)', (dialect) => {
  const dataDir = tempDataDir();
  let t: TestApp;
  let admin: TestSession;
  let sales: TestSession;
  let accounting: TestSession;
  let req: ReturnType<typeof requester>;
  let imports: ReturnType<typeof importClient>;
  const previousLimit = process.env.KONTOR_IMPORT_MAX_BYTES;

  const count = async (table: 'companies' | 'audit_log' | 'outbox' | 'search_documents') =>
    Number(
      (
        await t.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    process.env.KONTOR_IMPORT_MAX_BYTES = String(LIMIT);
    t = await createTestApp(dialect, { config: { dataDir } });
    await t.ctx.dispatcher.start();
    req = requester(t);
    imports = importClient(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales' });
    accounting = await createUserAndLogin(t, { role: 'accounting' });
  });
  afterAll(async () => {
    if (previousLimit === undefined) delete process.env.KONTOR_IMPORT_MAX_BYTES;
    else process.env.KONTOR_IMPORT_MAX_BYTES = previousLimit;
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a write that fails in the middle leaves nothing behind; the import can be started again', async () => {
    // A trigger refuses one company: it comes after the first 500 rows were written in the transaction.
    if (dialect === 'sqlite') {
      await sql`create trigger refuse_boom before insert on companies when new.name = 'BOOM'
        begin select raise(abort, 'boom is not allowed'); end`.execute(t.ctx.db);
    } else {
      await sql`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.name = 'BOOM' then raise exception 'boom is not allowed'; end if; return new; end $$`.execute(
        t.ctx.db,
      );
      await sql`create trigger refuse_boom before insert on companies for each row execute function refuse_boom()`.execute(
        t.ctx.db,
      );
    }
    const rows = Array.from({ length: 700 }, (_, i) => (i === 650 ? 'BOOM' : `Werk ${i + 1} GmbH`));
    const before = {
      companies: await count('companies'),
      audit: await count('audit_log'),
      outbox: await count('outbox'),
    };
    const up = await imports.uploaded(sales, 'companies', `Name\n${rows.join('\n')}\n`);
    expect((await imports.start(sales, up.id, { mapping: up.suggestedMapping })).statusCode).toBe(202);
    const failed = await imports.finished(sales, up.id);
    expect(failed).toMatchObject({
      status: 'failed',
      counts: { created: 0, updated: 0 },
      error: expect.stringMatching(/^The import failed, so nothing was written: .*boom is not allowed/),
    });
    expect({
      companies: await count('companies'),
      audit: await count('audit_log'),
      outbox: await count('outbox'),
    }).toEqual(before);
    const searchRows = await t.ctx.db
      .selectFrom('search_documents')
      .select('entity_id')
      .where('title', 'like', 'Werk %')
      .execute();
    expect(searchRows).toEqual([]);

    if (dialect === 'sqlite') await sql`drop trigger refuse_boom`.execute(t.ctx.db);
    else await sql`drop trigger refuse_boom on companies`.execute(t.ctx.db);
    expect((await imports.start(sales, up.id, { mapping: up.suggestedMapping })).statusCode).toBe(202);
    const done = await imports.finished(sales, up.id);
    expect(done).toMatchObject({ status: 'done', error: null, counts: { created: 700, rejected: 0 } });
    expect(await count('companies')).toBe(before.companies + 700);
  });

  it('refuses what the user may not import, before reading the file; imports are private to their owner', async () => {
    const csv = 'Titel;Firma;Abschluss\nA;B;31.12.2026\n';
    const denied = await imports.upload(accounting, 'deals', csv);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'auth.forbidden' });
    expect((await imports.upload(accounting, 'companies', 'Name\nA\n')).statusCode).toBe(201);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/imports?entityType=companies',
      headers: { 'content-type': 'text/csv' },
      payload: 'Name\nA\n',
    });
    expect(anonymous.statusCode).toBe(401);
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/imports?entityType=companies',
      headers: { cookie: sales.headers.cookie!, 'content-type': 'text/csv' },
      payload: 'Name\nA\n',
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await imports.upload(sales, 'widgets', 'Name\nA\n')).json()).toMatchObject({
      status: 400,
      code: 'imports.bad_entity_type',
    });

    const mine = await imports.uploaded(sales, 'companies', 'Name\nPrivat GmbH\n');
    expect((await req(accounting, 'GET', `/api/imports/${mine.id}`)).statusCode).toBe(404);
    expect((await req(accounting, 'GET', `/api/imports/${mine.id}/rejected`)).statusCode).toBe(404);
    expect((await req(accounting, 'GET', `/api/imports/${mine.id}/rejected.csv`)).statusCode).toBe(404);
    expect((await imports.start(accounting, mine.id, { mapping: { Name: 'name' } })).statusCode).toBe(404);
    expect((await req(admin, 'GET', `/api/imports/${mine.id}`)).statusCode).toBe(200);
    expect(
      (await req(accounting, 'GET', '/api/imports')).json().items.map((i: { id: string }) => i.id),
    ).not.toContain(mine.id);
  });

  it('an API token reads only the imports its scopes cover: status, rejected rows and their CSV', async () => {
    const csv = 'Firmenname;Ort\nScope Werk GmbH;Kassel\n;Fulda\n';
    const { upload: up, result } = await imports.run(sales, 'companies', csv);
    expect(result.status).toBe('done');
    const tokenWith = async (scopes: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/api-tokens',
        headers: sales.headers,
        payload: { name: scopes.join(' '), scopes },
      });
      expect(res.statusCode, res.body).toBe(201);
      return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
    };
    const get = (headers: Record<string, string>, url: string) =>
      t.app.inject({ method: 'GET', url, headers });

    const dealsOnly = await tokenWith(['deals:read']);
    for (const url of [
      `/api/imports/${up.id}`,
      `/api/imports/${up.id}/rejected`,
      `/api/imports/${up.id}/rejected.csv`,
    ]) {
      const denied = await get(dealsOnly, url);
      expect(denied.statusCode, url).toBe(403);
      expect(denied.json<{ detail: string }>().detail).toBe('This API token lacks the scope companies:read');
    }
    const listed = await get(dealsOnly, '/api/imports');
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(up.id);

    const companies = await tokenWith(['companies:read']);
    expect((await get(companies, `/api/imports/${up.id}`)).statusCode).toBe(200);
    const rejected = await get(companies, `/api/imports/${up.id}/rejected`);
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<{ items: unknown[] }>().items).toHaveLength(1);
    expect((await get(companies, `/api/imports/${up.id}/rejected.csv`)).statusCode).toBe(200);
    const all = await get(companies, '/api/imports');
    expect(all.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(up.id);
  });

  it('answers 413 for a file over the limit, declared or streamed, and 400 for what is not CSV', async () => {
    const declared = await imports.upload(sales, 'companies', 'Name\nA\n', {
      headers: { 'content-length': String(LIMIT + 1) },
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(declared.json()).toMatchObject({
      status: 413,
      code: 'imports.too_large',
      title: 'Payload Too Large',
    });

    const line = `${'x'.repeat(99)}\n`;
    const streamed = await t.app.inject({
      method: 'POST',
      url: '/api/imports?entityType=companies',
      headers: { ...sales.headers, 'content-type': 'text/csv' },
      payload: Readable.from(
        (function* () {
          yield 'Name\n';
          for (let i = 0; i < (LIMIT / line.length) * 2; i++) yield line;
        })(),
      ),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject({
      code: 'imports.too_large',
      detail: expect.stringMatching(/larger than/),
    });

    const xlsx = await imports.upload(sales, 'companies', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(xlsx.statusCode).toBe(400);
    expect(xlsx.json()).toMatchObject({
      code: 'imports.not_csv',
      detail: expect.stringMatching(/Excel workbook/),
    });
    expect((await imports.upload(sales, 'companies', 'Name\n')).json()).toMatchObject({
      code: 'imports.no_rows',
    });
    expect((await imports.upload(sales, 'companies', '')).statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/imports?entityType=companies',
      headers: sales.headers,
      payload: { name: 'A' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('is described in the OpenAPI document, the upload as a text/csv body', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/imports',
        '/api/imports/{id}',
        '/api/imports/{id}/start',
        '/api/imports/{id}/rejected',
        '/api/imports/{id}/rejected.csv',
      ]),
    );
    expect(Object.keys(doc.paths['/api/imports']?.post?.requestBody?.content ?? {})).toContain('text/csv');
  });

  it('marks an import whose run was lost (the server stopped) as failed, so it can be started again', async () => {
    const up = await imports.uploaded(sales, 'companies', 'Name\nVerloren GmbH\n');
    // as if the process had stopped after starting it: validating, but no run anywhere
    await t.ctx.db
      .updateTable('imports')
      .set({ status: 'validating', updated_at: '2026-11-26T04:00:00.000Z' })
      .where('id', '=', up.id)
      .execute();
    const run = await runJob(t.ctx, MAINTENANCE_JOB);
    expect(run.summary).toBe('1 interrupted imports marked failed, 0 old uploads removed');
    expect(await imports.get(sales, up.id)).toMatchObject({
      status: 'failed',
      error: 'The import was interrupted (the server stopped); nothing was written. Start it again.',
    });
    expect((await imports.start(sales, up.id, { mapping: { Name: 'name' } })).statusCode).toBe(202);
    expect((await imports.finished(sales, up.id)).counts.created).toBe(1);
  });
});

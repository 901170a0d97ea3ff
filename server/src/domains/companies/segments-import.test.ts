import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../contracts/audit';
import type { Segment, SegmentImportReport } from '../../../../contracts/companies';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from './companies-test-helpers';

describe.each(DIALECTS)('segments and their CSV import (%s)', (dialect) => {
  let t: TestApp;
  let manager: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;

  const segments = async () =>
    (await req(manager, 'GET', '/api/segments?limit=500')).json<{ items: Segment[] }>().items;
  const byName = async () => Object.fromEntries((await segments()).map((s) => [s.name, s]));

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
  });
  afterAll(() => t?.close());

  it('creates, reads, edits and deletes a segment; names are unique; in use it stays', async () => {
    const s = await post<Segment>(manager, '/api/segments', {
      name: 'Maschinenbau Süd KMU',
      industry: 'Maschinenbau',
      region: 'Bayern',
      sizeClass: 'KMU',
      marketCompanies: 2850,
      potentialRevenueCents: 4_250_000_000,
    });
    expect(s).toMatchObject({
      name: 'Maschinenbau Süd KMU',
      marketCompanies: 2850,
      potentialRevenueCents: 4_250_000_000,
      currency: 'EUR',
      version: 1,
    });
    const dup = await req(manager, 'POST', '/api/segments', { name: 'maschinenbau süd kmu' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'segments.name_taken', errors: [{ path: 'name' }] });
    expect((await req(sales, 'POST', '/api/segments', { name: 'Neu' })).statusCode).toBe(403);
    expect((await req(sales, 'GET', `/api/segments/${s.id}`)).json()).toEqual(s);

    const edited = await req(manager, 'PATCH', `/api/segments/${s.id}`, {
      version: 1,
      marketCompanies: 3000,
      notes: 'VDMA 2026',
    });
    expect(edited.json()).toMatchObject({ marketCompanies: 3000, notes: 'VDMA 2026', version: 2 });
    expect(
      (await req(manager, 'PATCH', `/api/segments/${s.id}`, { version: 1, notes: null })).statusCode,
    ).toBe(409);
    const neg = await req(manager, 'PATCH', `/api/segments/${s.id}`, { version: 2, marketCompanies: -1 });
    expect(neg.json().errors).toEqual([
      { path: 'marketCompanies', message: 'The number of companies cannot be negative' },
    ]);

    const company = await post<{ id: string }>(sales, '/api/companies', {
      name: 'Segmentnutzer GmbH',
      roles: ['prospect'],
      segmentId: s.id,
    });
    const inUse = await req(manager, 'DELETE', `/api/segments/${s.id}?version=2`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({
      code: 'segments.in_use',
      detail: expect.stringMatching(/1 company/),
    });
    await req(sales, 'PATCH', `/api/companies/${company.id}`, { version: 1, segmentId: null });
    expect((await req(manager, 'DELETE', `/api/segments/${s.id}?version=1`)).statusCode).toBe(409);
    const deleted = await req(manager, 'DELETE', `/api/segments/${s.id}?version=2`);
    expect(deleted.statusCode).toBe(204);
    expect((await req(manager, 'GET', `/api/segments/${s.id}`)).statusCode).toBe(404);
    const audit = (await req(manager, 'GET', `/api/audit?entityType=segment&entityId=${s.id}`)).json<{
      items: AuditEntry[];
    }>();
    expect(audit.items.map((e) => e.action)).toEqual(['delete', 'update', 'create']);
  });

  it('imports a semicolon file with German numbers; a second import updates by name', async () => {
    const csv = [
      'Segment;Branche;Region;Größenklasse;Anzahl Unternehmen;Umsatzpotenzial (EUR);Notizen',
      'Lebensmittel Nord;Lebensmittel;Norddeutschland;alle;1.420;18.750.000,00;"Quelle: IHK; eigene Schätzung"',
      'Automotive Zulieferer;Automotive;Deutschland;50–999;950;61.200.000;',
      '',
      'Logistik West;Logistik;NRW;KMU;2.100;9.999.999,99;',
    ].join('\r\n');
    const res = await req(manager, 'POST', '/api/segments/import', { csv });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<SegmentImportReport>()).toEqual({
      dryRun: false,
      committed: true,
      rows: 3,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    const all = await byName();
    expect(all['Lebensmittel Nord']).toMatchObject({
      industry: 'Lebensmittel',
      region: 'Norddeutschland',
      sizeClass: 'alle',
      marketCompanies: 1420,
      potentialRevenueCents: 1_875_000_000,
      notes: 'Quelle: IHK; eigene Schätzung',
    });
    expect(all['Automotive Zulieferer']).toMatchObject({ potentialRevenueCents: 6_120_000_000, notes: null });
    expect(all['Logistik West']!.potentialRevenueCents).toBe(999_999_999);

    // comma-separated, English numbers, matched by name regardless of case; empty cells change nothing
    const update = await req(manager, 'POST', '/api/segments/import', {
      csv: 'name,marketCompanies,potentialRevenue,region\nlebensmittel nord,"1,500","19,000,000.50",\nAutomotive Zulieferer,950,61200000,Deutschland\n',
    });
    expect(update.json<SegmentImportReport>()).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
      committed: true,
    });
    const after = await byName();
    expect(after['Lebensmittel Nord']).toMatchObject({
      marketCompanies: 1500,
      potentialRevenueCents: 1_900_000_050,
      region: 'Norddeutschland',
      version: 2,
    });
    expect(after['Automotive Zulieferer']!.version).toBe(1);
  });

  it('writes nothing when any row is bad, and says which rows and why', async () => {
    const before = await segments();
    const csv = [
      'Name;Unternehmen;Potenzial',
      'Gut A;100;1.000,00',
      ';5;10',
      'Gut B;zwölf;1,5',
      'Gut C;-4;1,999',
      'Gut A;7;8',
      'Gut D;12;3.000',
    ].join('\n');
    const res = await req(manager, 'POST', '/api/segments/import', { csv });
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json<{ code: string; detail: string; report: SegmentImportReport }>();
    expect(body.code).toBe('segments.import_rejected');
    expect(body.detail).toMatch(
      /^4 of 6 rows have errors, so nothing was imported: row 3: name: Enter a name/,
    );
    expect(body.report).toMatchObject({ committed: false, rows: 6, created: 2 });
    expect(body.report.rejected).toEqual([
      { row: 3, errors: [{ path: 'name', message: 'Enter a name' }] },
      { row: 4, errors: [{ path: 'marketCompanies', message: '"zwölf" is not a number' }] },
      {
        row: 5,
        errors: [
          { path: 'potentialRevenue', message: '"1,999" has more than two decimal places' },
          { path: 'marketCompanies', message: 'The number of companies cannot be negative' },
        ],
      },
      { row: 6, errors: [{ path: 'name', message: '"Gut A" is already in row 2' }] },
    ]);
    expect(await segments()).toEqual(before);

    // the same file as a dry run: a report, nothing written, 200
    const dry = await req(manager, 'POST', '/api/segments/import', { csv, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json<SegmentImportReport>()).toMatchObject({
      dryRun: true,
      committed: false,
      rejected: expect.any(Array),
    });
    expect(await segments()).toEqual(before);
  });

  it('uses a column mapping, and refuses files it cannot read', async () => {
    const mapped = await req(manager, 'POST', '/api/segments/import', {
      csv: 'Bezeichnung Markt;Firmen gesamt;Volumen\nHandwerk Ost;5.000;2.500.000\n',
      mapping: { name: 'Bezeichnung Markt', marketCompanies: 'firmen gesamt', potentialRevenue: 'Volumen' },
      dryRun: false,
    });
    expect(mapped.statusCode, mapped.body).toBe(200);
    expect((await byName())['Handwerk Ost']).toMatchObject({
      marketCompanies: 5000,
      potentialRevenueCents: 250_000_000,
    });

    const wrongMapping = await req(manager, 'POST', '/api/segments/import', {
      csv: 'A;B\nx;y\n',
      mapping: { name: 'Segment' },
    });
    expect(wrongMapping.statusCode).toBe(400);
    expect(wrongMapping.json()).toMatchObject({
      code: 'segments.bad_mapping',
      errors: [{ path: 'mapping.name' }],
    });
    const noName = await req(manager, 'POST', '/api/segments/import', { csv: 'Foo;Bar\n1;2\n' });
    expect(noName.json()).toMatchObject({ code: 'segments.bad_csv' });
    const broken = await req(manager, 'POST', '/api/segments/import', { csv: 'Name;Region\n"offen;x\n' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().detail).toMatch(/cannot be read/);
    const headerOnly = await req(manager, 'POST', '/api/segments/import', { csv: 'Name;Region\n' });
    expect(headerOnly.json().detail).toMatch(/no data rows/);
    expect((await req(sales, 'POST', '/api/segments/import', { csv: 'Name\nX' })).statusCode).toBe(403);
  });
});

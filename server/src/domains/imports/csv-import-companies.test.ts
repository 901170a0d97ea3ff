import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../../../contracts/companies';
import type { ImportRowIssue } from '../../../../contracts/imports';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { eventsOf, poster, requester } from '../companies/companies-test-helpers';
import { importClient, tempDataDir, windows1252 } from './imports-test-helpers';

/** A valid German VAT ID for the n-th company of a file. */
const vat = (n: number) => `DE${String(100_000_000 + n)}`;

describe.each(DIALECTS)('CSV import of companies (%s)', (dialect) => {
  const dataDir = tempDataDir();
  let t: TestApp;
  let manager: TestSession;
  let sales: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let imports: ReturnType<typeof importClient>;

  const companyByName = async (s: TestSession, name: string) =>
    (await req(s, 'GET', `/api/companies?q=${encodeURIComponent(name)}&limit=10`))
      .json<{ items: Company[] }>()
      .items.find((c) => c.name === name);
  const countCompanies = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('companies')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { dataDir } });
    await t.ctx.dispatcher.start();
    req = requester(t);
    post = poster(t);
    imports = importClient(t);
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports 1,000 companies with a few bad rows: those are rejected with reasons, the others are created', async () => {
    const lines = ['Name,Street,Zip,City,Country,VAT ID,Website,Employees,Roles,Tags'];
    const bad = new Map<number, string>([
      [3, 'X GmbH,Weg 1,10115,Berlin,DE,DE12,,5,customer,'], // VAT ID too short
      [250, ',Weg 2,10115,Berlin,DE,,,5,prospect,'], // no name
      [500, 'Y GmbH,Weg 3,10115,Berlin,XX,,,5,prospect,'], // unknown country
      [750, 'Z GmbH,Weg 4,10115,Berlin,DE,,,viele,prospect,'], // employees not a number
      [999, 'W GmbH,Weg 5,10115,Berlin,DE,,,5,reseller,'], // unknown role
    ]);
    for (let i = 1; i <= 1000; i++) {
      lines.push(
        bad.get(i) ??
          `Firma ${i} GmbH,Industriestraße ${i},${String(10000 + i)},Berlin,DE,${vat(i)},www.firma-${i}.de,${i % 300},${i % 7 === 0 ? 'customer|partner' : 'prospect'},"Messe 2026, Berlin"`,
      );
    }
    const { upload, result } = await imports.run(sales, 'companies', `${lines.join('\n')}\n`);
    expect(upload).toMatchObject({ rowCount: 1000, delimiter: ',', encoding: 'utf-8' });
    expect(upload.previewRows).toHaveLength(10);
    expect(upload.suggestedMapping).toEqual({
      Name: 'name',
      Street: 'street',
      Zip: 'postalCode',
      City: 'city',
      Country: 'country',
      'VAT ID': 'vatId',
      Website: 'website',
      Employees: 'employees',
      Roles: 'roles',
      Tags: 'tags',
    });
    expect(result).toMatchObject({
      status: 'done',
      rowCount: 1000,
      counts: { created: 995, updated: 0, skipped: 0, rejected: 5 },
      progress: { percent: 100 },
      error: null,
    });

    const rejected = await req(sales, 'GET', `/api/imports/${upload.id}/rejected?limit=3`);
    const page1 = rejected.json<{ items: ImportRowIssue[]; nextCursor: string }>();
    expect(page1.items.map((r) => r.row)).toEqual([4, 251, 501]); // spreadsheet rows: the header is row 1
    expect(page1.items[0]).toMatchObject({
      outcome: 'rejected',
      values: ['X GmbH', 'Weg 1', '10115', 'Berlin', 'DE', 'DE12', '', '5', 'customer', ''],
      reasons: [
        { field: 'vatId', column: 'VAT ID', message: expect.stringMatching(/DE followed by 9 digits/) },
      ],
    });
    expect(page1.items[1]?.reasons).toEqual([{ field: 'name', column: 'Name', message: 'Enter a name' }]);
    const page2 = (
      await req(sales, 'GET', `/api/imports/${upload.id}/rejected?limit=3&cursor=${page1.nextCursor}`)
    ).json<{ items: ImportRowIssue[]; nextCursor: string | null }>();
    expect(page2.items.map((r) => [r.row, r.reasons[0]?.field])).toEqual([
      [751, 'employees'],
      [1000, 'roles'],
    ]);
    expect(page2.nextCursor).toBeNull();

    const csv = await req(sales, 'GET', `/api/imports/${upload.id}/rejected.csv`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const csvLines = csv.body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(csvLines).toHaveLength(6);
    expect(csvLines[0]).toBe('Name,Street,Zip,City,Country,VAT ID,Website,Employees,Roles,Tags,Reason');
    expect(csvLines[2]).toBe(',Weg 2,10115,Berlin,DE,,,5,prospect,,Name: Enter a name');

    const c7 = await companyByName(sales, 'Firma 7 GmbH');
    expect(c7).toMatchObject({
      roles: ['customer', 'partner'],
      street: 'Industriestraße 7',
      postalCode: '10007',
      vatId: vat(7),
      website: 'https://www.firma-7.de',
      webDomain: 'firma-7.de',
      employees: 7,
      tags: ['Messe 2026', 'Berlin'],
      ownerId: sales.user.id,
      version: 1,
    });
    // one audit entry per company, by the person, marked as the import's work; one event for the file
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action', 'actor_id', 'origin'])
      .where('origin', '=', `import:${upload.id}`)
      .execute();
    expect(audit).toHaveLength(995);
    expect(audit.find((a) => a.entity_id === c7?.id)).toEqual({
      entity_id: c7?.id,
      action: 'create',
      actor_id: sales.user.id,
      origin: `import:${upload.id}`,
    });
    expect(await eventsOf(t, 'import.completed')).toContainEqual({
      importId: upload.id,
      entityType: 'companies',
      created: 995,
      updated: 0,
      skipped: 0,
      rejected: 5,
    });
    expect(await eventsOf(t, 'company.created')).toEqual([]);
    // found by the global search, in the same transaction
    const search = await req(sales, 'GET', '/api/search?q=firma%2077');
    expect(search.statusCode).toBe(200);
    expect(JSON.stringify(search.json())).toContain('Firma 77 GmbH');

    const list = await req(sales, 'GET', '/api/imports');
    expect(list.json().items[0]).toMatchObject({ id: upload.id, filename: 'companies.csv', status: 'done' });
    expect((await req(manager, 'GET', `/api/imports/${upload.id}`)).statusCode).toBe(404); // another person's
  });

  it('reads a German Excel file: semicolons, Windows-1252, German headers, numbers and words', async () => {
    const text =
      'Firma;Straße;PLZ;Ort;Land;USt-IdNr.;Mitarbeiter;Zahlungsziel;Webseite;Rolle;Schlagworte;Bemerkung\r\n' +
      'Müller Maschinenbau GmbH;Hauptstraße 5;80331;München;Deutschland;DE 811 234 567;1.250;30;www.mueller-mb.de;Kunde | Partner;A-Kunde, Süd;Umsatz > 1 Mio €\r\n' +
      'Größner & Söhne KG;Bahnhofstr. 1;1010;Wien;Österreich;ATU12345678;12;14;groessner.at;Interessent;;„Top“ – ruft zurück\r\n';
    const bytes = windows1252(text);
    const { upload, result } = await imports.run(sales, 'companies', bytes);
    expect(upload).toMatchObject({ encoding: 'windows-1252', delimiter: ';', rowCount: 2 });
    expect(upload.headers[1]).toBe('Straße');
    expect(upload.suggestedMapping).toEqual({
      Firma: 'name',
      Straße: 'street',
      PLZ: 'postalCode',
      Ort: 'city',
      Land: 'country',
      'USt-IdNr.': 'vatId',
      Mitarbeiter: 'employees',
      Zahlungsziel: 'paymentTermsDays',
      Webseite: 'website',
      Rolle: 'roles',
      Schlagworte: 'tags',
      Bemerkung: 'notes',
    });
    expect(result.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0 });
    expect(await companyByName(sales, 'Müller Maschinenbau GmbH')).toMatchObject({
      street: 'Hauptstraße 5',
      city: 'München',
      country: 'DE',
      vatId: 'DE811234567',
      employees: 1250,
      paymentTermsDays: 30,
      roles: ['customer', 'partner'],
      tags: ['A-Kunde', 'Süd'],
      notes: 'Umsatz > 1 Mio €',
    });
    expect(await companyByName(sales, 'Größner & Söhne KG')).toMatchObject({
      country: 'AT',
      postalCode: '1010',
      roles: ['prospect'],
      notes: '„Top“ – ruft zurück',
    });
  });

  it('handles rows that match existing companies: skip, update the existing one, or create anyway', async () => {
    const existing = await post<Company>(sales, '/api/companies', {
      name: 'Alpha Antriebe GmbH',
      roles: ['prospect'],
      vatId: 'DE200000001',
      website: 'alpha-antriebe.de',
      city: 'Köln',
      tags: ['Altkunde'],
    });
    const csv =
      'Firma;USt-IdNr.;Webseite;Ort;Rolle;Schlagworte\n' +
      'Alpha Antriebstechnik;DE200000001;;Düsseldorf;Kunde;Messe\n' + // same VAT ID
      'Beta Bau GmbH;;www.beta-bau.de;Bonn;;\n'; // new

    const skip = await imports.run(sales, 'companies', csv, { duplicateMode: 'skip' });
    expect(skip.result.counts).toEqual({ created: 1, updated: 0, skipped: 1, rejected: 0 });
    const skipped = (
      await req(sales, 'GET', `/api/imports/${skip.upload.id}/rejected?outcome=skipped`)
    ).json<{ items: ImportRowIssue[] }>().items;
    expect(skipped).toEqual([
      {
        row: 2,
        outcome: 'skipped',
        reasons: [
          {
            field: 'vatId',
            column: 'USt-IdNr.',
            message: '"Alpha Antriebe GmbH" already exists (the same VAT ID)',
          },
        ],
        values: null,
        matchedId: existing.id,
      },
    ]);
    expect((await req(sales, 'GET', `/api/companies/${existing.id}`)).json()).toMatchObject({
      city: 'Köln',
      version: 1,
    });

    // Beta Bau exists now too: updated as well (nothing to change there → skipped)
    const update = await imports.run(sales, 'companies', csv, { duplicateMode: 'update' });
    expect(update.result.counts).toEqual({ created: 0, updated: 1, skipped: 1, rejected: 0 });
    expect((await req(sales, 'GET', `/api/companies/${existing.id}`)).json()).toMatchObject({
      name: 'Alpha Antriebe GmbH', // the name of a matched company stays
      city: 'Düsseldorf',
      roles: ['customer', 'prospect'],
      tags: ['Altkunde', 'Messe'],
      version: 2,
    });
    const history = (await req(sales, 'GET', `/api/audit?entityType=company&entityId=${existing.id}`)).json();
    expect(history.items[0]).toMatchObject({ action: 'update', origin: `import:${update.upload.id}` });

    const create = await imports.run(sales, 'companies', csv, { duplicateMode: 'create' });
    expect(create.result.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 0 });
    const alphas = await t.ctx.db
      .selectFrom('companies')
      .select('id')
      .where('vat_id', '=', 'DE200000001')
      .execute();
    expect(alphas).toHaveLength(2);
  });

  it('rejects the second of two rows for the same company in one file; small files compare names too', async () => {
    await post<Company>(manager, '/api/companies', {
      name: 'Schreinerei Holzwurm GmbH',
      roles: ['customer'],
    });
    const csv =
      'Name;VAT ID;Website\n' +
      'Gamma GmbH;DE300000001;gamma.de\n' +
      'Gamma Vertrieb;DE300000001;\n' + // same VAT ID as row 2
      'Delta AG;;gamma.de\n' + // same web domain as row 2
      'Schreinerei Holzwurm;;\n'; // similar to an existing company (of someone else)
    const before = await countCompanies();
    const { upload, result } = await imports.run(sales, 'companies', csv);
    expect(result.counts).toEqual({ created: 1, updated: 0, skipped: 1, rejected: 2 });
    const rejected = (await req(sales, 'GET', `/api/imports/${upload.id}/rejected`)).json<{
      items: ImportRowIssue[];
    }>();
    expect(rejected.items.map((r) => [r.row, r.reasons[0]?.message])).toEqual([
      [3, 'Row 2 has the same VAT ID: the company is twice in the file'],
      [4, 'Row 2 has the same website domain: the company is twice in the file'],
    ]);
    const skipped = (await req(sales, 'GET', `/api/imports/${upload.id}/rejected?outcome=skipped`)).json<{
      items: ImportRowIssue[];
    }>();
    expect(skipped.items[0]?.reasons[0]?.message).toBe(
      '"Schreinerei Holzwurm GmbH" already exists (a similar name)',
    );
    expect(await countCompanies()).toBe(before + 1);
  });
});

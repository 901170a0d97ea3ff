import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company, Contact } from '../../../../contracts/companies';
import type { ImportRowIssue } from '../../../../contracts/imports';
import type { Deal, DealDetail } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from '../companies/companies-test-helpers';
import { defaultPipeline } from '../sales/sales-test-helpers';
import { importClient, tempDataDir } from './imports-test-helpers';

describe.each(DIALECTS)('CSV import of contacts and deals (%s)', (dialect) => {
  const dataDir = tempDataDir();
  let t: TestApp;
  let sales: TestSession;
  let colleague: TestSession;
  let req: ReturnType<typeof requester>;
  let _post: ReturnType<typeof poster>;
  let imports: ReturnType<typeof importClient>;
  const ids: Record<string, string> = {};

  const rejectedOf = async (s: TestSession, id: string, outcome = 'rejected') =>
    (await req(s, 'GET', `/api/imports/${id}/rejected?outcome=${outcome}`)).json<{
      items: ImportRowIssue[];
    }>().items;

  beforeAll(async () => {
    t = await createTestApp(dialect, { config: { dataDir } });
    await t.ctx.dispatcher.start();
    req = requester(t);
    _post = poster(t);
    imports = importClient(t);
    sales = await createUserAndLogin(t, {
      role: 'sales',
      name: 'Julia Schneider',
      email: 'julia@kontor.test',
    });
    colleague = await createUserAndLogin(t, { role: 'sales', name: 'Max Weber', email: 'max@kontor.test' });
    for (const [key, name, who] of [
      ['mueller', 'Müller GmbH', sales],
      ['schmidt', 'Schmidt AG', sales],
      ['weber1', 'Weber KG', sales],
      ['weber2', 'Weber KG', sales],
      ['hidden', 'Geheim GmbH', colleague],
    ] as const) {
      const res = await req(who, 'POST', '/api/companies?allowDuplicate=true', { name, roles: ['customer'] });
      ids[key] = res.json<Company>().id;
    }
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('imports contacts linked to their companies by name or id; unknown, ambiguous and hidden ones are rejected', async () => {
    const csv = [
      'Firma,Firmen-ID,Vorname,Nachname,Position,E-Mail,Telefon,Sprache,Newsletter,Werbewiderspruch',
      `Mueller GmbH,,Anna,Berg,Einkauf,anna.berg@mueller.de | a.berg@mueller.de,+49 89 1234-0,Deutsch,ja,nein`,
      `,${ids.schmidt},Ben,Kurz,,ben@schmidt.de,,englisch,0,1`,
      'Weber KG,,Carla,Lang,,carla@weber.de,,,,',
      'Unbekannt GmbH,,Dora,Neu,,dora@neu.de,,,,',
      'Geheim GmbH,,Emil,Still,,emil@geheim.de,,,,',
      'Müller GmbH,,Frida,Zweit,,anna.berg@mueller.de,,,,',
      'Müller GmbH,,Gustav,,,gustav@mueller.de,,,,',
      'Müller GmbH,,Hans,Falsch,,hans(at)mueller.de,,,vielleicht,',
    ].join('\n');
    const { upload, result } = await imports.run(sales, 'contacts', csv);
    expect(upload.suggestedMapping).toEqual({
      Firma: 'companyName',
      'Firmen-ID': 'companyId',
      Vorname: 'firstName',
      Nachname: 'lastName',
      Position: 'position',
      'E-Mail': 'emails',
      Telefon: 'phones',
      Sprache: 'preferredLanguage',
      Newsletter: 'emailConsent',
      Werbewiderspruch: 'optOut',
    });
    expect(result.counts).toEqual({ created: 2, updated: 0, skipped: 0, rejected: 6 });
    expect((await rejectedOf(sales, upload.id)).map((r) => [r.row, r.reasons.map((x) => x.message)])).toEqual(
      [
        [4, ['2 companies are called "Weber KG"; give the company\'s id (companyId column) instead']],
        [5, ['There is no company "Unbekannt GmbH"']],
        [6, ['The company "Geheim GmbH" exists, but you cannot see it; ask its owner']],
        [7, ['Row 2 has the same e-mail address anna.berg@mueller.de']],
        [8, ['Enter a last name']],
        [9, ['"vielleicht" is not yes or no (write ja/nein, yes/no or 1/0)', 'Enter a valid e-mail address']],
      ],
    );
    const contacts = (await req(sales, 'GET', '/api/contacts?limit=50')).json<{ items: Contact[] }>().items;
    expect(contacts.find((c) => c.lastName === 'Berg')).toMatchObject({
      companyId: ids.mueller,
      firstName: 'Anna',
      position: 'Einkauf',
      emails: [
        { address: 'anna.berg@mueller.de', label: null },
        { address: 'a.berg@mueller.de', label: null },
      ],
      phones: [{ number: '+49 89 1234-0', label: null }],
      preferredLanguage: 'de',
      emailConsent: true,
      consentAt: '2026-11-26T09:00:00.000Z',
      optOut: false,
      ownerId: sales.user.id,
    });
    expect(contacts.find((c) => c.lastName === 'Kurz')).toMatchObject({
      companyId: ids.schmidt,
      preferredLanguage: 'en',
      emailConsent: false,
      optOut: true,
    });

    // the same people again, updating: e-mail addresses are added, other filled cells replace
    const again =
      'Firma;Nachname;E-Mail;Position\nMüller GmbH;Berg;anna.berg@mueller.de, anna@privat.de;Leitung Einkauf\n';
    const update = await imports.run(sales, 'contacts', again, { duplicateMode: 'update' });
    expect(update.result.counts).toEqual({ created: 0, updated: 1, skipped: 0, rejected: 0 });
    const berg = (await req(sales, 'GET', '/api/contacts?q=berg')).json<{ items: Contact[] }>().items[0];
    expect(berg).toMatchObject({
      position: 'Leitung Einkauf',
      emails: [
        { address: 'anna.berg@mueller.de', label: null },
        { address: 'a.berg@mueller.de', label: null },
        { address: 'anna@privat.de', label: null },
      ],
      version: 2,
    });
  });

  it('imports deals into pipeline stages, with German amounts and dates and their first stage history', async () => {
    const { stage } = await defaultPipeline(t, sales);
    const contact = (await req(sales, 'GET', '/api/contacts?q=kurz')).json<{ items: Contact[] }>().items[0]!;
    const csv = [
      'Titel;Firma;Betrag;Abschlussdatum;Phase;Quelle;Ansprechpartner;Betreuer',
      'Fräsmaschine FX-200;Müller GmbH;12.500,50;31.12.2026;Angebot;Messe;;',
      'Wartungsvertrag;Schmidt AG;1.200;2027-03-15;;Empfehlung;ben@schmidt.de;max@kontor.test',
      'Ersatzteile;Schmidt AG;99,90 €;15.1.2027;;;;',
      'Altprojekt;Müller GmbH;5000;01.02.2027;Gewonnen;;;',
      'Ohne Datum;Müller GmbH;100;;;;;',
      'Falscher Kontakt;Müller GmbH;100;01.02.2027;;;ben@schmidt.de;',
      'Nirgends;Müller GmbH;100;01.02.2027;Ausgeliefert;;;',
      'Fräsmaschine FX-200;Müller GmbH;13.000;31.12.2026;;;;',
    ].join('\n');
    const { upload, result } = await imports.run(sales, 'deals', csv, { stageId: stage.Qualifiziert });
    expect(upload.suggestedMapping).toMatchObject({
      Titel: 'title',
      Firma: 'companyName',
      Betrag: 'amount',
      Abschlussdatum: 'expectedCloseDate',
      Phase: 'stage',
      Quelle: 'source',
      Ansprechpartner: 'contactEmail',
      Betreuer: 'ownerEmail',
    });
    expect(result.counts).toEqual({ created: 3, updated: 0, skipped: 0, rejected: 5 });
    expect(
      (await rejectedOf(sales, upload.id)).map((r) => [r.row, r.reasons[0]?.field, r.reasons[0]?.message]),
    ).toEqual([
      [5, 'stage', 'Imported deals start in an open stage; "Gewonnen" is won. Win or lose them afterwards'],
      [6, 'expectedCloseDate', 'Enter the expected close date (e.g. 31.12.2026)'],
      [7, 'contactEmail', 'Müller GmbH has no contact with the e-mail address ben@schmidt.de'],
      [
        8,
        'stage',
        expect.stringMatching(/^"Ausgeliefert" is not a stage of Vertrieb; its stages are Lead, /),
      ],
      [9, 'title', 'Row 2 has a deal with this title for the same company'],
    ]);
    const deals = (await req(sales, 'GET', '/api/deals?limit=50')).json<{ items: Deal[] }>().items;
    expect(deals).toHaveLength(2); // the maintenance contract belongs to Max now
    expect(deals.find((d) => d.title === 'Fräsmaschine FX-200')).toMatchObject({
      companyId: ids.mueller,
      amountCents: 1_250_050,
      expectedCloseDate: '2026-12-31',
      stageId: stage.Angebot,
      source: 'fair',
      status: 'open',
      ownerId: sales.user.id,
    });
    expect(deals.find((d) => d.title === 'Ersatzteile')).toMatchObject({
      amountCents: 9990,
      expectedCloseDate: '2027-01-15',
      stageId: stage.Qualifiziert, // the default stage of the import
      source: 'other',
    });
    const maxDeals = (await req(colleague, 'GET', '/api/deals')).json<{ items: Deal[] }>().items;
    expect(maxDeals[0]).toMatchObject({
      title: 'Wartungsvertrag',
      amountCents: 120_000,
      contactId: contact.id,
      ownerId: colleague.user.id,
      source: 'referral',
    });
    const detail = (await req(sales, 'GET', `/api/deals/${deals[0]!.id}`)).json<DealDetail>();
    expect(detail.stageHistory).toEqual([
      expect.objectContaining({ fromStageId: null, toStageId: detail.stageId, changedBy: sales.user.id }),
    ]);
    // the funnel counts imported deals from their stage history
    const funnel = (await req(sales, 'GET', '/api/reports/funnel')).json<{
      stages: Array<{ name: string; entered: number }>;
    }>();
    expect(funnel.stages.find((s) => s.name === 'Angebot')?.entered).toBe(1);

    // again with updates: the same deal (company and title) gets the new amount and stage
    const again =
      'Titel;Firma;Betrag;Abschlussdatum;Phase\nFräsmaschine FX-200;Mueller GmbH;13.000;31.12.2026;Verhandlung\n';
    const update = await imports.run(sales, 'deals', again, { duplicateMode: 'update' });
    expect(update.result.counts).toEqual({ created: 0, updated: 1, skipped: 0, rejected: 0 });
    const fx = (await req(sales, 'GET', '/api/deals?q=FX-200')).json<{ items: Deal[] }>().items[0];
    expect(fx).toMatchObject({ amountCents: 1_300_000, stageId: stage.Verhandlung, version: 2 });
  });

  it('checks the mapping before starting: known fields, required fields, columns of the file', async () => {
    const up = await imports.uploaded(
      sales,
      'deals',
      'Titel;Firma;Datum;Extra\nA;Müller GmbH;31.12.2026;x\n',
    );
    expect(up.suggestedMapping).toEqual({ Titel: 'title', Firma: 'companyName', Datum: null, Extra: null });
    const missing = await imports.start(sales, up.id, { mapping: up.suggestedMapping });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'imports.bad_mapping',
      errors: [{ path: 'mapping', message: 'Map a column to the required field expectedCloseDate' }],
    });
    const unknown = await imports.start(sales, up.id, {
      mapping: { ...up.suggestedMapping, Datum: 'expectedCloseDate', Extra: 'colour', Nope: 'title' },
    });
    expect(unknown.json().errors).toEqual([
      {
        path: 'mapping.Extra',
        message: expect.stringMatching(/^"colour" is not a field of deals; use one of: title, /),
      },
      { path: 'mapping.Nope', message: 'The file has no column "Nope"' },
    ]);
    const twice = await imports.start(sales, up.id, { mapping: { ...up.suggestedMapping, Datum: 'title' } });
    expect(twice.json().errors[0]).toEqual({
      path: 'mapping.Datum',
      message: 'title is already mapped to the column "Titel"; map each field to one column',
    });
    const ok = await imports.start(sales, up.id, {
      mapping: { ...up.suggestedMapping, Datum: 'expectedCloseDate' },
    });
    expect(ok.statusCode).toBe(202);
    expect((await imports.finished(sales, up.id)).counts.created).toBe(1);
    const done = await imports.start(sales, up.id, {
      mapping: { ...up.suggestedMapping, Datum: 'expectedCloseDate' },
    });
    expect(done.statusCode).toBe(409);
  });
});

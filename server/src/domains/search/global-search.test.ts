import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company, Contact } from '../../../../contracts/companies';
import type { Team } from '../../../../contracts/identity';
import type { DealDetail } from '../../../../contracts/sales';
import type { SearchResponse, SearchResult } from '../../../../contracts/search';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { rebuildSearchIndex } from '.';

/**
 * Global search through the API: companies, contacts and deals are found as they are created,
 * changed and merged, by the beginnings of their words in any spelling of umlauts, only by those
 * who may see them, best matches first, and no input breaks the query.
 */
describe.each(DIALECTS)('global search (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let manager: TestSession;
  let sales: TestSession;
  let sales2: TestSession;
  const ids: Record<string, string> = {};

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  async function post<T>(s: TestSession, url: string, payload: object, status = 201): Promise<T> {
    const res = await req(s, 'POST', url, payload);
    if (res.statusCode !== status) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  async function patch<T>(s: TestSession, url: string, payload: object): Promise<T> {
    const res = await req(s, 'PATCH', url, payload);
    if (res.statusCode !== 200) throw new Error(`PATCH ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  }
  const company = (s: TestSession, body: object) =>
    post<Company>(s, '/api/companies?allowDuplicate=true', { roles: ['prospect'], ...body });
  const contact = (s: TestSession, body: object) =>
    post<Contact>(s, '/api/contacts?allowDuplicate=true', body);
  const deal = (s: TestSession, body: object) =>
    post<DealDetail>(s, '/api/deals', { expectedCloseDate: '2026-12-31', ...body });

  async function search(s: TestSession, q: string, extra = ''): Promise<SearchResult[]> {
    const res = await req(s, 'GET', `/api/search?q=${encodeURIComponent(q)}${extra}`);
    expect(res.statusCode, `${q}: ${res.body}`).toBe(200);
    return res.json<SearchResponse>().items;
  }
  const titles = async (s: TestSession, q: string, extra = '') =>
    (await search(s, q, extra)).map((r) => r.title);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createUserAndLogin(t, { role: 'admin' });
    manager = await createUserAndLogin(t, { role: 'manager', name: 'Thomas Becker' });
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    const team = await post<Team>(admin, '/api/teams', { name: 'Vertrieb Süd' });
    await post(admin, `/api/teams/${team.id}/members`, { userId: manager.user.id }, 200);
    await post(admin, `/api/teams/${team.id}/members`, { userId: sales2.user.id }, 200);

    const mueller = await company(sales, {
      name: 'Müller GmbH',
      legalName: 'Müller Präzisionstechnik GmbH',
      city: 'Stuttgart',
      website: 'https://www.mueller-praezision.de',
      vatId: 'DE123456789',
      tags: ['Key Account'],
    });
    ids.mueller = mueller.id;
    ids.muellerExact = (await company(sales, { name: 'Müller', city: 'Ulm' })).id;
    ids.muellermann = (await company(sales, { name: 'Müllermann Bau' })).id;
    ids.bauMueller = (await company(sales, { name: 'Bau Müller KG' })).id;
    ids.strassenbau = (await company(sales, { name: 'Straßenbau Schmidt' })).id;
    ids.other = (await company(sales2, { name: 'Müller Logistik', city: 'Augsburg' })).id;
    const weiss = await contact(sales, {
      companyId: mueller.id,
      firstName: 'Jürgen',
      lastName: 'Weiß',
      position: 'Einkaufsleiter',
      emails: [{ address: 'juergen.weiss@mueller-praezision.de' }],
      phones: [{ number: '+49 711 1234567' }],
    });
    ids.weiss = weiss.id;
    ids.otherContact = (
      await contact(sales2, { companyId: ids.other, firstName: 'Eva', lastName: 'Fuchs' })
    ).id;
    ids.deal = (await deal(sales, { companyId: mueller.id, title: 'Fräsmaschine FX-200' })).id;
    ids.otherDeal = (await deal(sales2, { companyId: ids.other, title: 'Fräsmaschine Logistikzentrum' })).id;
  });
  afterAll(() => t?.close());

  it('finds companies, contacts and deals by the beginnings of their words, with where to open them', async () => {
    const items = await search(sales, 'mül');
    expect(items.map((i) => i.title)).toEqual(
      expect.arrayContaining(['Müller GmbH', 'Müller', 'Müllermann Bau', 'Bau Müller KG', 'Jürgen Weiß']),
    );
    expect(items.find((i) => i.id === ids.weiss)).toEqual({
      type: 'contact',
      id: ids.weiss,
      title: 'Jürgen Weiß',
      subtitle: 'Einkaufsleiter · Müller GmbH',
      url: `/contacts/${ids.weiss}`,
    });
    expect(items.find((i) => i.id === ids.mueller)).toMatchObject({
      type: 'company',
      subtitle: 'Stuttgart',
      url: `/companies/${ids.mueller}`,
    });
    // the deal is found by its own title and by its company's name
    expect(await search(sales, 'fräs')).toEqual([
      {
        type: 'deal',
        id: ids.deal,
        title: 'Fräsmaschine FX-200',
        subtitle: 'Müller GmbH',
        url: `/deals/${ids.deal}`,
      },
    ]);
    expect(await titles(sales, 'müller gmbh fx')).toEqual(['Fräsmaschine FX-200']);
  });

  it('matches umlauts in both spellings and without accents, ß as ss, in any case', async () => {
    for (const q of ['muller', 'mueller', 'Müller', 'MÜLLER', 'Mu\u0308ller' /* decomposed ü */]) {
      expect(await titles(sales, q), q).toEqual(expect.arrayContaining(['Müller GmbH', 'Müller']));
    }
    for (const q of ['strasse', 'straße', 'STRASSENBAU', 'Strassenb']) {
      expect(await titles(sales, q), q).toEqual(['Straßenbau Schmidt']);
    }
    for (const q of ['weiss', 'weiß', 'jurgen', 'juergen', 'Jürgen Weiss']) {
      expect(await titles(sales, q), q).toEqual(['Jürgen Weiß']);
    }
    // other fields: legal name, website, VAT ID with and without country code, tags, e-mail, phone
    for (const q of ['präzisionstechnik', 'praezision', 'DE12345', '123456789', 'key acc']) {
      expect(await titles(sales, q), q).toContain('Müller GmbH');
    }
    for (const q of ['juergen.weiss@mueller', '0711 1234', '+49 711 123', '4971112']) {
      expect(await titles(sales, q), q).toEqual(['Jürgen Weiß']);
    }
  });

  it('needs every word to match, in any order', async () => {
    expect((await titles(sales, 'müller bau')).sort()).toEqual(['Bau Müller KG', 'Müllermann Bau']);
    expect((await titles(sales, 'bau mül')).sort()).toEqual(['Bau Müller KG', 'Müllermann Bau']);
    expect(await titles(sales, 'müller stuttgart')).toEqual(['Müller GmbH']);
    expect(await titles(sales, 'müller nirgendwo')).toEqual([]);
  });

  it('ranks the exact name first, then names starting with the words', async () => {
    const items = await titles(sales, 'müller', '&types=company');
    expect(items[0]).toBe('Müller');
    expect(items.slice(1, 3).sort()).toEqual(['Müller GmbH', 'Müllermann Bau']);
    expect(items[3]).toBe('Bau Müller KG');
    expect((await titles(sales, 'Mueller GmbH'))[0]).toBe('Müller GmbH');

    // in the full text: a word in the title counts more than in the e-mail address or the company's name
    const sales3 = await createUserAndLogin(t, { role: 'sales' });
    const kaiser = await company(sales3, { name: 'Kaiser Möbel' });
    const muehlbach = await company(sales3, { name: 'Mühlbach & Müller' });
    await contact(sales3, { companyId: muehlbach.id, firstName: 'Ida', lastName: 'Roth' });
    await contact(sales3, {
      companyId: kaiser.id,
      firstName: 'Ole',
      lastName: 'Brandt',
      emails: [{ address: 'ole@mueller-brandt.de' }],
    });
    await contact(sales3, { companyId: kaiser.id, firstName: 'Hannes', lastName: 'Tillmann-Müller' });
    expect(await titles(sales3, 'müller', '&types=contact')).toEqual([
      'Hannes Tillmann-Müller',
      'Ole Brandt',
      'Ida Roth',
    ]);
  });

  it('finds only what the caller may see: own, team, all', async () => {
    // sales sees their own companies, and the contacts and deals of them
    expect(await titles(sales, 'logistik')).toEqual([]);
    expect(await titles(sales, 'fuchs')).toEqual([]);
    expect(await titles(sales, 'fräsmaschine')).toEqual(['Fräsmaschine FX-200']);
    expect((await titles(sales2, 'logistik')).sort()).toEqual([
      'Eva Fuchs',
      'Fräsmaschine Logistikzentrum',
      'Müller Logistik',
    ]);
    // the manager sees the team's (sales2), not sales'
    expect(await titles(manager, 'fuchs')).toEqual(['Eva Fuchs']);
    expect(await titles(manager, 'weiß')).toEqual([]);
    // the admin sees all
    expect((await titles(admin, 'fräsmaschine')).sort()).toEqual([
      'Fräsmaschine FX-200',
      'Fräsmaschine Logistikzentrum',
    ]);
  });

  it('filters by type and limits the result', async () => {
    expect(await titles(sales, 'müller', '&types=contact')).toEqual(['Jürgen Weiß']);
    expect(await titles(sales, 'müller', '&types=deal,contact')).toEqual(
      expect.arrayContaining(['Jürgen Weiß', 'Fräsmaschine FX-200']),
    );
    expect(await search(sales, 'müller', '&limit=2')).toHaveLength(2);
    const bad = await req(sales, 'GET', '/api/search?q=x&types=company,invoice');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400 });
    expect((await req(sales, 'GET', '/api/search?q=x&limit=500')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/search?q=müller' })).statusCode).toBe(401);
  });

  it('never fails on search syntax or odd input: it is all just words', async () => {
    const odd = [
      '',
      ' ',
      '"',
      '""',
      "'",
      '*',
      '-',
      ':',
      '"müller',
      'mül*',
      'müller -bau',
      'a:b',
      'title:müller',
      'müller OR bau',
      'NOT müller',
      'müller AND',
      'NEAR(müller bau)',
      '(',
      ')',
      '^müller',
      '\\',
      '%',
      '_',
      '& | ! <->',
      "'; drop table search_documents; --",
      '🙂 müller',
      'ΑΒΓ',
      'x'.repeat(200),
      Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const q of odd) await search(sales, q);
    expect(await titles(sales, '"müller')).toEqual(expect.arrayContaining(['Müller GmbH']));
    expect(await titles(sales, 'mül*', '&types=company')).toContain('Müller GmbH');
    expect(await titles(sales, 'Bau-Müller')).toEqual(['Bau Müller KG', 'Müllermann Bau']);
    expect(await search(sales, '*')).toEqual([]);
    expect((await req(sales, 'GET', `/api/search?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('follows changes: renames, a contact moving, the company changing hands, deal titles', async () => {
    const before = await req(sales, 'GET', `/api/companies/${ids.strassenbau}`);
    const renamed = await patch<Company>(sales, `/api/companies/${ids.strassenbau}`, {
      name: 'Tiefbau Schmidt & Söhne',
      version: before.json<Company>().version,
    });
    expect(await titles(sales, 'straßenbau')).toEqual([]);
    expect(await titles(sales, 'tiefbau sohne')).toEqual(['Tiefbau Schmidt & Söhne']);

    // a contact of it is found by the company's new name, and moves with the contact
    const c = await contact(sales, { companyId: renamed.id, firstName: 'Karl', lastName: 'Kühn' });
    expect(await search(sales, 'kuehn')).toMatchObject([
      { title: 'Karl Kühn', subtitle: 'Tiefbau Schmidt & Söhne' },
    ]);
    const renamedAgain = await patch<Company>(sales, `/api/companies/${renamed.id}`, {
      name: 'Schmidt Tiefbau',
      version: renamed.version,
    });
    expect(await search(sales, 'kuhn')).toMatchObject([{ title: 'Karl Kühn', subtitle: 'Schmidt Tiefbau' }]);
    const moved = await patch<Contact>(sales, `/api/contacts/${c.id}`, {
      companyId: ids.muellermann,
      version: c.version,
    });
    expect(await search(sales, 'kühn')).toMatchObject([{ subtitle: 'Müllermann Bau' }]);

    // the company goes to sales2: its contacts go with it (they are visible to whom the company is)
    await patch<Company>(sales, `/api/companies/${ids.muellermann}`, {
      ownerId: sales2.user.id,
      teamId: null,
      version: (await req(sales, 'GET', `/api/companies/${ids.muellermann}`)).json<Company>().version,
    });
    expect(await titles(sales, 'kühn')).toEqual([]);
    expect(await titles(sales, 'müllermann')).toEqual([]);
    expect(await titles(sales2, 'kühn')).toEqual(['Karl Kühn']);
    expect(await titles(sales2, 'müllermann')).toEqual(['Müllermann Bau', 'Karl Kühn']);
    expect(moved.id).toBe(c.id);
    expect(renamedAgain.name).toBe('Schmidt Tiefbau');

    // deals: a new title, and winning keeps it findable
    const d = (await req(sales, 'GET', `/api/deals/${ids.deal}`)).json<DealDetail>();
    const changed = await patch<DealDetail>(sales, `/api/deals/${ids.deal}`, {
      title: 'Fräsmaschine FX-300 Wartung',
      version: d.version,
    });
    expect(await titles(sales, 'fx 200')).toEqual([]);
    expect(await titles(sales, 'fx-300 wart')).toEqual(['Fräsmaschine FX-300 Wartung']);
    await post(sales, `/api/deals/${ids.deal}/win`, { version: changed.version }, 200);
    expect(await titles(sales, 'wartung')).toEqual(['Fräsmaschine FX-300 Wartung']);

    // handed to another person: found by them, no longer by the former owner
    const won = (await req(sales, 'GET', `/api/deals/${ids.deal}`)).json<DealDetail>();
    await patch<DealDetail>(sales, `/api/deals/${ids.deal}`, {
      ownerId: sales2.user.id,
      teamId: null,
      version: won.version,
    });
    expect(await titles(sales, 'wartung')).toEqual([]);
    expect(await titles(sales2, 'wartung')).toEqual(['Fräsmaschine FX-300 Wartung']);
  });

  it('takes merged duplicates out; their contacts and deals are found under the surviving company', async () => {
    const dup = await company(sales, { name: 'Mueller GmbH Präzision', city: 'Esslingen' });
    const dupContact = await contact(sales, {
      companyId: dup.id,
      firstName: 'Anna',
      lastName: 'Özdemir',
      emails: [{ address: 'anna@mueller-praezision.de' }],
    });
    const dupDeal = await deal(sales, { companyId: dup.id, title: 'Ersatzteile Spindel' });
    expect(await search(sales, 'ozdemir')).toMatchObject([{ subtitle: 'Mueller GmbH Präzision' }]);

    const target = (await req(sales, 'GET', `/api/companies/${ids.mueller}`)).json<Company>();
    await post(
      sales,
      `/api/companies/${ids.mueller}/merge`,
      { sourceId: dup.id, version: target.version },
      200,
    );
    expect(await titles(sales, 'esslingen')).toEqual([]);
    expect((await search(sales, 'mueller gmbh präzision')).map((r) => r.id)).not.toContain(dup.id);
    expect(await search(sales, 'özdemir')).toMatchObject([
      { id: dupContact.id, subtitle: 'Müller GmbH', url: `/contacts/${dupContact.id}` },
    ]);
    expect(await search(sales, 'spindel')).toMatchObject([{ id: dupDeal.id, subtitle: 'Müller GmbH' }]);
    await t.ctx.dispatcher.drain(); // deals are re-pointed by sales' event handler
    expect(await search(sales, 'spindel')).toMatchObject([{ id: dupDeal.id, subtitle: 'Müller GmbH' }]);

    // contacts: the duplicate leaves, the survivor is found by the duplicate's address too
    const weiss = (await req(sales, 'GET', `/api/contacts/${ids.weiss}`)).json<Contact>();
    await post(
      sales,
      `/api/contacts/${ids.weiss}/merge`,
      { sourceId: dupContact.id, version: weiss.version },
      200,
    );
    expect(await titles(sales, 'özdemir')).toEqual([]);
    expect(await titles(sales, 'anna@mueller')).toEqual(['Jürgen Weiß']);
  });

  it('rebuilds the same index from the records', async () => {
    const queries = ['müller', 'kühn', 'fräs', 'logistik', 'weiss', 'spindel'];
    const before = await Promise.all(queries.map((q) => search(admin, q)));
    await t.ctx.db.deleteFrom('search_documents').execute();
    expect(await search(admin, 'müller')).toEqual([]);
    const built = await rebuildSearchIndex(t.ctx.db);
    expect(built).toEqual({ companies: 8, contacts: 6, deals: 3 });
    const after = await Promise.all(queries.map((q) => search(admin, q)));
    expect(after).toEqual(before);
    expect(await rebuildSearchIndex(t.ctx.db, { onlyIfEmpty: true })).toBeNull();
  });
});

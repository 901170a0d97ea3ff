import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Company, CompanyNote, Contact, TimelineEntry } from '../../../../contracts/companies';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { poster, requester } from './companies-test-helpers';
import { entryId, registerTimelineSource } from './index';

type Page = { items: TimelineEntry[]; nextCursor: string | null };

describe.each(DIALECTS)('company timeline (%s)', (dialect) => {
  let t: TestApp;
  let sales: TestSession;
  let sales2: TestSession;
  let req: ReturnType<typeof requester>;
  let post: ReturnType<typeof poster>;
  let company: Company;

  const timeline = async (s: TestSession, id: string, query = '') => {
    const res = await req(s, 'GET', `/api/companies/${id}/timeline${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const minute = () => t.clock.advance(60_000);

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = requester(t);
    post = poster(t);
    sales = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    sales2 = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    company = await post<Company>(sales, '/api/companies', { name: 'Zeitleiste GmbH', roles: ['prospect'] });
    minute();
    await post<Contact>(sales, '/api/contacts', {
      companyId: company.id,
      firstName: 'Ida',
      lastName: 'Kern',
    });
    minute();
    await post<CompanyNote>(sales, `/api/companies/${company.id}/notes`, {
      body: 'Erstes Gespräch: Bedarf an 3 Anlagen.',
    });
    minute();
    await req(sales, 'PATCH', `/api/companies/${company.id}`, {
      version: 1,
      roles: ['customer'],
      city: 'Bremen',
    });
    minute();
    const dup = await post<Company>(sales, '/api/companies?allowDuplicate=true', {
      name: 'Zeitleiste',
      roles: ['prospect'],
    });
    minute();
    await post(sales, `/api/companies/${company.id}/merge`, { sourceId: dup.id, version: 2 }, 200);
  });
  afterAll(() => t?.close());

  it('lists notes, changes, contacts and merged duplicates, newest first', async () => {
    const page = await timeline(sales, company.id);
    expect(page.items.map((e) => [e.kind, e.summary])).toEqual([
      ['merge', 'Duplicate "Zeitleiste" merged into this company'],
      ['change', '"Zeitleiste" merged into this company by Julia Schneider'],
      ['change', 'Changed roles, city by Julia Schneider'],
      ['note', 'Note by Julia Schneider'],
      ['contact', 'Contact added: Ida Kern'],
      ['change', 'Created by Julia Schneider'],
    ]);
    const note = page.items.find((e) => e.kind === 'note') as Extract<TimelineEntry, { kind: 'note' }>;
    expect(note).toMatchObject({
      actorId: sales.user.id,
      note: { body: 'Erstes Gespräch: Bedarf an 3 Anlagen.' },
    });
    expect(page.nextCursor).toBeNull();
    expect((await timeline(sales, company.id, '?kinds=note,contact')).items.map((e) => e.kind)).toEqual([
      'note',
      'contact',
    ]);
  });

  it('pages with a cursor, also when entries share an instant', async () => {
    // three notes in the same millisecond
    for (const body of ['a', 'b', 'c']) await post(sales, `/api/companies/${company.id}/notes`, { body });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await timeline(sales, company.id, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    const all = (await timeline(sales, company.id, '?limit=50')).items.map((e) => e.id);
    expect(seen).toEqual(all);
  });

  it('takes entries from sources other domains register', async () => {
    const unregister = registerTimelineSource({
      name: 'test.deals',
      kinds: ['deal'],
      async load({ companyId, before }) {
        const entry = {
          kind: 'deal',
          id: entryId('deal', '0190a000-0000-7000-8000-0000000000d1'),
          at: '2026-11-26T09:02:30.000Z',
          actorId: null,
          actorName: null,
          summary: 'Deal won: 12.400,00 €',
          ref: { type: 'deal', id: '0190a000-0000-7000-8000-0000000000d1' },
          data: { amountCents: 1_240_000, companyId },
        };
        return before && before.at <= entry.at ? [] : [entry];
      },
    });
    try {
      const page = await timeline(sales, company.id);
      // 09:02:30: after the first note (09:02), before the edit (09:03)
      const i = page.items.findIndex((e) => e.kind === 'deal');
      expect(page.items[i - 1]!.summary).toBe('Changed roles, city by Julia Schneider');
      expect(page.items[i + 1]!.kind).toBe('note');
      expect(page.items.find((e) => e.kind === 'deal')).toMatchObject({
        summary: 'Deal won: 12.400,00 €',
        ref: { type: 'deal' },
        data: { amountCents: 1_240_000 },
      });
      expect((await timeline(sales, company.id, '?kinds=deal')).items).toHaveLength(1);
    } finally {
      unregister();
    }
    expect((await timeline(sales, company.id)).items.map((e) => e.kind)).not.toContain('deal');
  });

  it('is as visible as the company; notes need a live, visible company', async () => {
    expect((await req(sales2, 'GET', `/api/companies/${company.id}/timeline`)).statusCode).toBe(404);
    expect((await req(sales2, 'POST', `/api/companies/${company.id}/notes`, { body: 'x' })).statusCode).toBe(
      404,
    );
    const empty = await req(sales, 'POST', `/api/companies/${company.id}/notes`, { body: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ path: 'body', message: 'Write something' }]);
    const bad = await req(sales, 'GET', `/api/companies/${company.id}/timeline?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
  });
});

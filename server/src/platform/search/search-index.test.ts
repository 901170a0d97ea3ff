import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../testing/test-db';
import { type Actor, systemActor } from '../actor';
import {
  indexDocuments,
  isSearchIndexEmpty,
  moveSearchChildren,
  removeSearchDocuments,
  type SearchDocument,
  updateSearchParent,
} from './search-index';
import { searchIndex } from './search-query';

const id = (n: number) => `0190b000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const person = (userId: string, role: 'sales' | 'manager', teamIds: string[] = []): Actor => ({
  userId,
  name: null,
  role,
  teamIds,
  origin: null,
});

describe.each(DIALECTS)('search index (%s)', (dialect) => {
  let t: TestDatabase;
  const all = systemActor('test');
  const find = async (q: string, actor: Actor = all) =>
    (await searchIndex(t.handle.db, actor, { q, limit: 50 })).map((h) => h.id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(() => t?.destroy());

  it('writes documents in bulk, in the caller’s transaction, replacing what was there', async () => {
    expect(await isSearchIndexEmpty(t.handle.db)).toBe(true);
    const docs: SearchDocument[] = Array.from({ length: 1000 }, (_, i) => ({
      type: 'company',
      id: id(i),
      title: `Firma ${i} Bäckerei`,
      ownerId: 'u1',
      teamId: null,
      keywords: [`nr${i}`],
    }));
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await indexDocuments(trx, docs);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await isSearchIndexEmpty(t.handle.db)).toBe(true);

    await t.handle.db.transaction().execute((trx) => indexDocuments(trx, docs));
    expect(await find('nr999')).toEqual([id(999)]);
    expect((await searchIndex(t.handle.db, all, { q: 'baeckerei', limit: 50 })).length).toBe(50);
    // the same document twice in one call, and again later: one row, the last wins
    await indexDocuments(t.handle.db, [
      { ...docs[0]!, title: 'Erste Fassung' },
      { ...docs[0]!, title: 'Zweite Fassung' },
    ]);
    expect(await find('fassung')).toEqual([id(0)]);
    expect(await find('erste')).toEqual([]);
    await removeSearchDocuments(
      t.handle.db,
      'company',
      docs.map((d) => d.id),
    );
    expect(await isSearchIndexEmpty(t.handle.db)).toBe(true);
  });

  it('children follow their parent: name always, owner and team where they follow it', async () => {
    const parent = { id: id(5000), name: 'Alte Mühle AG', ownerId: 'u1', teamId: 't1' };
    await indexDocuments(t.handle.db, [
      { type: 'company', id: parent.id, title: parent.name, ownerId: 'u1', teamId: 't1' },
      {
        type: 'contact',
        id: id(5001),
        title: 'Rita Roth',
        parent,
        ownerId: 'u1',
        teamId: 't1',
        followsParent: true,
      },
      { type: 'deal', id: id(5002), title: 'Mahlwerk', parent, ownerId: 'u9', teamId: null },
    ]);
    const u1 = person('u1', 'sales');
    const u2 = person('u2', 'sales');
    expect((await find('muhle', u1)).sort()).toEqual([id(5000), id(5001)]);
    // the parent's own document is replaced by its domain; updateSearchParent carries it to the children
    await updateSearchParent(t.handle.db, { ...parent, name: 'Neue Mühle AG', ownerId: 'u2', teamId: null });
    expect(await find('alte')).toEqual([id(5000)]);
    await indexDocuments(t.handle.db, [
      { type: 'company', id: parent.id, title: 'Neue Mühle AG', ownerId: 'u2', teamId: null },
    ]);
    expect(await find('alte')).toEqual([]);
    expect((await find('neue muehle')).sort()).toEqual([id(5000), id(5001), id(5002)]);
    expect(await find('rita', u1)).toEqual([]);
    expect(await find('rita', u2)).toEqual([id(5001)]);
    expect(await find('mahlwerk', person('u9', 'sales'))).toEqual([id(5002)]);

    await moveSearchChildren(t.handle.db, parent.id, {
      id: id(6000),
      name: 'Mühlenwerke',
      ownerId: 'u3',
      teamId: 't3',
    });
    expect((await find('mühlenwerke')).sort()).toEqual([id(5001), id(5002)]);
    expect(await find('rita', person('u4', 'manager', ['t3']))).toEqual([id(5001)]);
    expect(await find('rita', person('u4', 'manager', ['t4']))).toEqual([]);
    expect(await find('mahlwerk', person('u3', 'sales'))).toEqual([]);
    if (dialect === 'sqlite') {
      // the triggers kept FTS5's external-content index in step with every insert, update and delete
      await sql`insert into search_fts (search_fts) values ('integrity-check')`.execute(t.handle.db);
    }
  });

  it('leaves room for full-text matches when many titles start with a short query', async () => {
    await indexDocuments(t.handle.db, [
      ...Array.from({ length: 30 }, (_, i) => ({
        type: 'company' as const,
        id: id(8000 + i),
        title: `Schaller ${i}`,
        ownerId: null,
        teamId: null,
      })),
      { type: 'contact', id: id(8100), title: 'Anna Schaller', ownerId: null, teamId: null },
    ]);
    const hits = await searchIndex(t.handle.db, all, { q: 'schal', limit: 10 });
    expect(hits).toHaveLength(10);
    expect(hits.map((h) => h.title)).toContain('Anna Schaller');
    expect(hits[0]!.title).toBe('Schaller 0');
    await removeSearchDocuments(
      t.handle.db,
      'company',
      Array.from({ length: 30 }, (_, i) => id(8000 + i)),
    );
    await removeSearchDocuments(t.handle.db, 'contact', [id(8100)]);
  });

  it('finds an indexed title by any beginning of any of its words, whatever else the query holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[A-Za-zÄÖÜäöüß0-9]{1,12}$/), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1, max: 12 }),
        async (words, pick, length) => {
          const title = words.join(' ');
          await indexDocuments(t.handle.db, [
            { type: 'deal', id: id(7000), title, ownerId: null, teamId: null },
          ]);
          // any 2+ characters of a word's beginning; one character when it is the whole word or begins the title
          const i = pick % words.length;
          const word = words[i]!;
          const n = i === 0 || word.length === 1 ? length : Math.max(2, length);
          expect(await find(word.slice(0, n))).toContain(id(7000));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('never fails, whatever the query (no search syntax gets through)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), async (q) => {
        await searchIndex(t.handle.db, all, { q, limit: 5 });
      }),
      { numRuns: 300 },
    );
    const syntax = fc.constantFrom(
      '"',
      "'",
      '*',
      '-',
      ':',
      '(',
      ')',
      '^',
      '&',
      '|',
      '!',
      '<->',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      '+',
      '\\',
      '%',
      '_',
      '{',
      '}',
      ' ',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(syntax, fc.string({ maxLength: 4 })), { maxLength: 12 }),
        async (parts) => {
          await searchIndex(t.handle.db, all, { q: parts.join(''), limit: 5 });
        },
      ),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  type ListViewColumn,
  listPrefsKey,
  readListPrefs,
  readUrlState,
  toUrlParams,
  visibleColumnIds,
  writeListPrefs,
} from './use-list-view-state';

const columns: ListViewColumn[] = [
  { id: 'name', alwaysVisible: true },
  { id: 'city' },
  { id: 'vatId', defaultVisible: false },
  { id: 'owner' },
];

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
  };
}

describe('visibleColumnIds', () => {
  it('shows the defaults without a choice', () => {
    expect(visibleColumnIds(columns, null)).toEqual(['name', 'city', 'owner']);
  });

  it('keeps the list order and the always visible columns, and drops unknown ids', () => {
    expect(visibleColumnIds(columns, ['vatId', 'gone'])).toEqual(['name', 'vatId']);
  });
});

describe('list preferences in storage', () => {
  it('are kept per list and user', () => {
    const storage = memoryStorage();
    const key = listPrefsKey('companies', 'u1');
    const view = {
      id: 'v1',
      name: 'Kunden in Bayern',
      filters: { role: 'customer' },
      sort: '-name',
      columns: ['name'],
    };
    writeListPrefs(storage, key, { columns: ['name', 'city'], views: [view] });
    expect(readListPrefs(storage, key)).toEqual({ columns: ['name', 'city'], views: [view] });
    expect(readListPrefs(storage, listPrefsKey('companies', 'u2'))).toEqual({ columns: null, views: [] });
  });

  it('survive broken or foreign data', () => {
    const storage = memoryStorage();
    storage.setItem('a', '{not json');
    expect(readListPrefs(storage, 'a')).toEqual({ columns: null, views: [] });
    storage.setItem('b', JSON.stringify({ columns: [1, 2], views: [{ id: 'x' }, null] }));
    expect(readListPrefs(storage, 'b')).toEqual({ columns: null, views: [] });
    expect(readListPrefs(undefined, 'c')).toEqual({ columns: null, views: [] });
  });
});

describe('URL state', () => {
  const config = {
    filterKeys: ['q', 'role'] as const,
    sorts: ['name', '-name', 'city'],
    defaultSort: 'name',
  };

  it('reads filters and falls back to the default sort', () => {
    expect(readUrlState(new URLSearchParams('q=müller&sort=-name&other=1'), config)).toEqual({
      filters: { q: 'müller', role: '' },
      sort: '-name',
    });
    expect(readUrlState(new URLSearchParams('sort=drop table'), config).sort).toBe('name');
  });

  it('writes only what differs from the defaults', () => {
    expect(toUrlParams({ q: '', role: 'customer' }, 'name', 'name').toString()).toBe('role=customer');
    expect(toUrlParams({ q: 'a b' }, 'city', 'name').toString()).toBe('q=a+b&sort=city');
  });
});

import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from './auth';

/**
 * The state of a list view: filters and sort in the URL (links and the back button keep them),
 * the visible columns and named "saved views" per user on this device (localStorage).
 * Used by the companies, contacts and deals lists alike.
 */
export interface ListViewColumn {
  id: string;
  /** Shown unless the user hides it (default true). */
  defaultVisible?: boolean;
  /** Cannot be hidden (the record's name). */
  alwaysVisible?: boolean;
}

export interface ListViewConfig<F extends string> {
  /** Storage name of the list (`companies`, `contacts`, `deals`). */
  listId: string;
  /** URL parameters that are filters. */
  filterKeys: readonly F[];
  /** Allowed `?sort=` values; anything else falls back to `defaultSort`. */
  sorts: readonly string[];
  defaultSort: string;
  columns: readonly ListViewColumn[];
}

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
  sort: string;
  columns: string[];
}

export interface ListPrefs {
  /** Visible column ids; null = the list's defaults. */
  columns: string[] | null;
  views: SavedView[];
}

const EMPTY_PREFS: ListPrefs = { columns: null, views: [] };

export function listPrefsKey(listId: string, userId: string): string {
  return `kontor.listView.${listId}.${userId}`;
}

const isStringRecord = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');

function isSavedView(v: unknown): v is SavedView {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    typeof o.name === 'string' &&
    typeof o.sort === 'string' &&
    isStringRecord(o.filters) &&
    Array.isArray(o.columns) &&
    o.columns.every((c) => typeof c === 'string')
  );
}

/** Stored preferences, tolerant of anything a previous version (or a person) left in storage. */
export function readListPrefs(storage: Pick<Storage, 'getItem'> | undefined, key: string): ListPrefs {
  try {
    const raw = storage?.getItem(key);
    if (!raw) return EMPTY_PREFS;
    const parsed = JSON.parse(raw) as Partial<ListPrefs>;
    const columns =
      Array.isArray(parsed.columns) && parsed.columns.every((c) => typeof c === 'string')
        ? parsed.columns
        : null;
    const views = Array.isArray(parsed.views) ? parsed.views.filter(isSavedView) : [];
    return { columns, views };
  } catch {
    return EMPTY_PREFS;
  }
}

export function writeListPrefs(storage: Pick<Storage, 'setItem'> | undefined, key: string, prefs: ListPrefs) {
  try {
    storage?.setItem(key, JSON.stringify(prefs));
  } catch {
    // storage full or disabled: the choice lasts for this page only
  }
}

/** Column ids to show: the stored choice (known ids only, in the list's order) or the defaults. */
export function visibleColumnIds(
  columns: readonly ListViewColumn[],
  chosen: readonly string[] | null,
): string[] {
  if (!chosen) return columns.filter((c) => c.alwaysVisible || c.defaultVisible !== false).map((c) => c.id);
  const set = new Set(chosen);
  const ids = columns.filter((c) => c.alwaysVisible || set.has(c.id)).map((c) => c.id);
  return ids.length > 0 ? ids : columns.filter((c) => c.defaultVisible !== false).map((c) => c.id);
}

/** Filters and sort from URL parameters (unknown sorts fall back to the default). */
export function readUrlState<F extends string>(
  params: URLSearchParams,
  config: Pick<ListViewConfig<F>, 'filterKeys' | 'sorts' | 'defaultSort'>,
): { filters: Record<F, string>; sort: string } {
  const filters = {} as Record<F, string>;
  for (const key of config.filterKeys) filters[key] = params.get(key) ?? '';
  const sort = params.get('sort');
  return { filters, sort: sort && config.sorts.includes(sort) ? sort : config.defaultSort };
}

/** URL parameters for filters and sort; empty filters and the default sort are left out. */
export function toUrlParams(
  filters: Record<string, string>,
  sort: string,
  defaultSort: string,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (sort && sort !== defaultSort) params.set('sort', sort);
  return params;
}

const sameRecord = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
};

function storage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

function newId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
}

export function useListViewState<F extends string>(config: ListViewConfig<F>) {
  const { user } = useSession();
  const key = listPrefsKey(config.listId, user.id);
  const [params, setParams] = useSearchParams();
  const [prefs, setPrefsState] = useState<{ key: string; prefs: ListPrefs }>(() => ({
    key,
    prefs: readListPrefs(storage(), key),
  }));
  // another user logged in on this device: their own preferences
  const current = prefs.key === key ? prefs.prefs : readListPrefs(storage(), key);

  const setPrefs = useCallback(
    (update: (prev: ListPrefs) => ListPrefs) => {
      setPrefsState((prev) => {
        const base = prev.key === key ? prev.prefs : readListPrefs(storage(), key);
        const next = update(base);
        writeListPrefs(storage(), key, next);
        return { key, prefs: next };
      });
    },
    [key],
  );

  const { filterKeys, sorts, defaultSort, columns: columnDefs } = config;
  const { filters, sort } = useMemo(
    () => readUrlState(params, { filterKeys, sorts, defaultSort }),
    [params, filterKeys, sorts, defaultSort],
  );
  const columns = useMemo(() => visibleColumnIds(columnDefs, current.columns), [columnDefs, current.columns]);

  const navigateTo = useCallback(
    (nextFilters: Record<string, string>, nextSort: string) =>
      setParams(toUrlParams(nextFilters, nextSort, defaultSort), { replace: true }),
    [setParams, defaultSort],
  );

  const setFilters = useCallback(
    (patch: Partial<Record<F, string>>) => navigateTo({ ...filters, ...patch }, sort),
    [filters, sort, navigateTo],
  );
  const setSort = useCallback((next: string) => navigateTo(filters, next), [filters, navigateTo]);
  const resetFilters = useCallback(() => navigateTo({}, sort), [sort, navigateTo]);

  const setColumns = useCallback((ids: string[]) => setPrefs((p) => ({ ...p, columns: ids })), [setPrefs]);
  const resetColumns = useCallback(() => setPrefs((p) => ({ ...p, columns: null })), [setPrefs]);

  const saveView = useCallback(
    (name: string): SavedView => {
      const view: SavedView = { id: newId(), name: name.trim(), filters: { ...filters }, sort, columns };
      // the same name again replaces the earlier view
      setPrefs((p) => ({
        ...p,
        views: [
          ...p.views.filter((v) => v.name.toLocaleLowerCase() !== view.name.toLocaleLowerCase()),
          view,
        ].sort((a, b) => a.name.localeCompare(b.name)),
      }));
      return view;
    },
    [filters, sort, columns, setPrefs],
  );

  const applyView = useCallback(
    (view: SavedView) => {
      const known = Object.fromEntries(filterKeys.map((k) => [k, view.filters[k] ?? '']));
      navigateTo(known, sorts.includes(view.sort) ? view.sort : defaultSort);
      setPrefs((p) => ({ ...p, columns: view.columns }));
    },
    [filterKeys, sorts, defaultSort, navigateTo, setPrefs],
  );

  const deleteView = useCallback(
    (id: string) => setPrefs((p) => ({ ...p, views: p.views.filter((v) => v.id !== id) })),
    [setPrefs],
  );

  const activeView =
    current.views.find(
      (v) =>
        v.sort === sort &&
        sameRecord(v.filters, filters) &&
        visibleColumnIds(columnDefs, v.columns).join() === columns.join(),
    ) ?? null;

  const hasFilters = Object.values<string>(filters).some(Boolean);

  return {
    filters,
    sort,
    setFilters,
    setSort,
    resetFilters,
    hasFilters,
    columns,
    setColumns,
    resetColumns,
    views: current.views,
    activeView,
    saveView,
    applyView,
    deleteView,
    /** The URL's query string (for links to a record that come back to the same list). */
    search: params.toString(),
  };
}

export type ListViewState<F extends string> = ReturnType<typeof useListViewState<F>>;

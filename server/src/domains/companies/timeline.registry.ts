import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { TimelineEntry } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';

/**
 * A company's timeline is put together from "timeline sources": this domain's own (notes, changes,
 * contacts, merged duplicates) and those other domains register (deals, activities, invoices). A
 * source returns the company's newest entries before a position, newest first; the timeline merges
 * them. Register from a module hook (e.g. `routes`), not at import time:
 *
 *   registerTimelineSource({ name: 'sales.deals', kinds: ['deal'], load: (args) => … });
 */
export interface TimelinePosition {
  at: string;
  /** The entry id (`<kind>:<record id>`). */
  id: string;
}

export interface TimelineLoadArgs {
  db: DbOrTx;
  /** Who looks: a source shows only what this actor may see. */
  actor: Actor;
  companyId: string;
  /** Only entries strictly before this position (at, then id, descending); null = from the newest. */
  before: TimelinePosition | null;
  limit: number;
}

export interface TimelineSource {
  /** Unique and stable: `<domain>.<what>`. */
  name: string;
  /** The entry kinds it returns (for `?kinds=` filtering). */
  kinds: readonly string[];
  load(args: TimelineLoadArgs): Promise<TimelineEntry[]>;
}

const sources = new Map<string, TimelineSource>();

/** Adds (or replaces, by name) a source; returns a function that removes it again. */
export function registerTimelineSource(source: TimelineSource): () => void {
  sources.set(source.name, source);
  return () => {
    if (sources.get(source.name) === source) sources.delete(source.name);
  };
}

export function registeredTimelineSources(): TimelineSource[] {
  return [...sources.values()];
}

/** Entry id of a record of a kind. */
export const entryId = (kind: string, recordId: string) => `${kind}:${recordId}`;

/**
 * SQL condition "entry of `kind` at `atColumn` with record id `idColumn` comes before `position`"
 * in the timeline's order (at descending, then entry id descending), for sources written in SQL.
 */
export function beforePosition(
  kind: string,
  atColumn: string,
  idColumn: string,
  position: TimelinePosition | null,
) {
  // biome-ignore lint/suspicious/noExplicitAny: works on any table's query builder
  return (eb: ExpressionBuilder<any, any>) => {
    if (!position) return sql<SqlBool>`1 = 1`;
    const at = sql.ref(atColumn);
    const prefix = `${kind}:`;
    const sameAt = position.id.startsWith(prefix)
      ? eb(sql.ref(idColumn), '<', position.id.slice(prefix.length))
      : // entries of another kind at the same instant: all of ours sort before it or none do
        prefix < position.id
        ? sql<SqlBool>`1 = 1`
        : sql<SqlBool>`1 = 0`;
    return eb.or([eb(at, '<', position.at), eb.and([eb(at, '=', position.at), sameAt])]);
  };
}

/** The timeline order: newest first, ties by entry id descending. */
export function compareEntries(a: { at: string; id: string }, b: { at: string; id: string }): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

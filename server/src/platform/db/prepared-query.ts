import { type Compilable, CompiledQuery } from 'kysely';
import type { Db, DbOrTx } from './database';

const MARK = '\u0000kontor-param:';

type Slot = { param: string } | { value: unknown };
interface Compiled {
  sql: string;
  slots: Slot[];
  query: CompiledQuery['query'];
}

/**
 * A Kysely query built and compiled once per database, then run with new parameter values.
 * Building and compiling a query costs about as much as a primary-key lookup itself, so queries
 * on every request's path (authentication, single-record GETs) use this.
 *
 * `build` receives stand-ins for the parameters; use each one only as a whole value in
 * `where`/`set`/`values` (no string operations on them — they are markers, not the real values).
 */
export function preparedQuery<P extends Record<string, string | number | null>, R>(
  build: (db: Db, params: P) => Compilable<R>,
): (db: DbOrTx, params: P) => Promise<R[]> {
  const byAdapter = new WeakMap<object, Compiled>();

  function compile(db: DbOrTx): Compiled {
    const stand = new Proxy({} as P, { get: (_t, name) => `${MARK}${String(name)}` });
    const compiled = build(db as Db, stand).compile();
    const slots = compiled.parameters.map(
      (p): Slot =>
        typeof p === 'string' && p.startsWith(MARK) ? { param: p.slice(MARK.length) } : { value: p },
    );
    return { sql: compiled.sql, slots, query: compiled.query };
  }

  return async (db, params) => {
    const adapter = db.getExecutor().adapter;
    let c = byAdapter.get(adapter);
    if (!c) {
      c = compile(db);
      byAdapter.set(adapter, c);
    }
    const parameters = c.slots.map((s) => ('param' in s ? params[s.param] : s.value));
    const result = await db.executeQuery<R>(CompiledQuery.raw(c.sql, parameters) as CompiledQuery<R>);
    return result.rows;
  };
}

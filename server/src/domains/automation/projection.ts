import type { LoadHint, RecordValues, SqlColumn } from './registry';

/** Where one field of a record type comes from: the columns it needs and how it is made of them. */
export interface FieldSource<Row> {
  columns: readonly (keyof Row & string)[];
  value(row: Row): unknown;
  /**
   * Set when the value is its one column's own value (`text`: the string or null; `integer`: the
   * number or null): the engine may then compare the column in SQL (see RecordTypeDef.sql).
   */
  sql?: SqlColumn['type'];
}

export type FieldSources<Row> = Record<string, FieldSource<Row>>;

/**
 * A record type's loader that selects only what its caller reads. Rules read a few fields of a
 * record; making a JavaScript object of every column costs more than finding the row (a deal's 24
 * columns ~20 µs, six ~3 µs), and the engine loads records by the hundred thousand.
 */
export interface Projection<Row> {
  /** The fields to make: those of the hint and `always`; every field without a hint. */
  fields(hint: LoadHint | undefined): string[];
  /** The columns those fields are made of (no duplicates). */
  columns(fields: readonly string[]): Array<keyof Row & string>;
  /** The values of those fields from a row that has their columns. */
  values(fields: readonly string[], row: Row): RecordValues;
  /** The column of a field marked `sql`, or null. */
  sqlColumn(field: string): SqlColumn | null;
}

export function projection<Row>(sources: FieldSources<Row>, always: readonly string[]): Projection<Row> {
  const all = Object.keys(sources);
  return {
    fields(hint) {
      if (!hint?.fields) return all;
      const set = new Set(always);
      for (const f of hint.fields) if (sources[f]) set.add(f);
      return [...set];
    },
    columns(fields) {
      const cols = new Set<keyof Row & string>();
      for (const f of fields) for (const c of sources[f]?.columns ?? []) cols.add(c);
      return [...cols];
    },
    values(fields, row) {
      const out: RecordValues = {};
      for (const f of fields) out[f] = sources[f]!.value(row);
      return out;
    },
    sqlColumn(field) {
      const source = Object.hasOwn(sources, field) ? sources[field] : undefined;
      const column = source?.columns[0];
      return source?.sql && column && source.columns.length === 1 ? { column, type: source.sql } : null;
    },
  };
}

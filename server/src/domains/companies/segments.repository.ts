import { type Selectable, type SqlBool, sql, type Updateable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { likePattern } from './companies.repository';

export interface SegmentsTable {
  id: string;
  name: string;
  /** lower(trim(name)), unique. */
  name_key: string;
  industry: string | null;
  region: string | null;
  size_class: string | null;
  market_companies: number | null;
  potential_revenue_cents: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

declare module '../../platform/db/database' {
  interface Database {
    segments: SegmentsTable;
  }
}

export type SegmentRow = Selectable<SegmentsTable>;

export const segmentNameKey = (name: string) => name.trim().toLowerCase();

export function insertSegment(db: DbOrTx, row: SegmentRow) {
  return db.insertInto('segments').values(row).execute();
}

export function findSegmentById(db: DbOrTx, id: string) {
  return db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSegmentByName(db: DbOrTx, name: string) {
  return db
    .selectFrom('segments')
    .selectAll()
    .where('name_key', '=', segmentNameKey(name))
    .executeTakeFirst();
}

export function findSegmentsByNameKeys(db: DbOrTx, keys: readonly string[]) {
  if (keys.length === 0) return Promise.resolve([]);
  return db.selectFrom('segments').selectAll().where('name_key', 'in', keys).execute();
}

export async function updateSegment(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<SegmentsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('segments')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSegment(db: DbOrTx, id: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('segments')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export const SEGMENT_SORT_COLUMNS = {
  name: 'segments.name',
  createdAt: 'segments.created_at',
  updatedAt: 'segments.updated_at',
};
const SORT_FIELDS: Record<string, keyof SegmentRow> = {
  'segments.name': 'name',
  'segments.created_at': 'created_at',
  'segments.updated_at': 'updated_at',
};

export function listSegments(
  db: DbOrTx,
  filter: { q?: string | undefined; industry?: string | undefined; region?: string | undefined },
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('segments').selectAll();
  if (filter.q) {
    const like = likePattern(filter.q);
    q = q.where(
      sql<SqlBool>`(segments.name_key like ${like} escape '\\'
        or lower(segments.industry) like ${like} escape '\\'
        or lower(segments.region) like ${like} escape '\\')`,
    );
  }
  if (filter.industry) q = q.where(sql<SqlBool>`lower(segments.industry) = ${filter.industry.toLowerCase()}`);
  if (filter.region) q = q.where(sql<SqlBool>`lower(segments.region) = ${filter.region.toLowerCase()}`);
  const field = SORT_FIELDS[page.sort.column] ?? 'name';
  return paginate(q, {
    sort: page.sort,
    idColumn: 'segments.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r[field], id: r.id }),
  });
}

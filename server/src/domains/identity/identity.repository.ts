import { type Selectable, sql, type Updateable } from 'kysely';
import type { Locale } from '../../../../contracts/identity';
import type { Role } from '../../../../contracts/permissions';
import type { DbOrTx } from '../../platform/db/database';
import { paginate, type SortSpec } from '../../platform/db/pagination';
import { preparedQuery } from '../../platform/db/prepared-query';

export interface UsersTable {
  id: string;
  /** Always lower case. */
  email: string;
  name: string;
  role: Role;
  locale: Locale;
  active: number;
  password_hash: string;
  /** Whom the user reports to (migration 2026_11_27_0310). */
  manager_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TeamsTable {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
  added_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 (hex) of the cookie value. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  prefix: string;
  name: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  /** JSON array of scopes (`["deals:read"]`); null = all its user's role allows (migration 0320). */
  scopes: string | null;
}

declare module '../../platform/db/database' {
  interface Database {
    users: UsersTable;
    teams: TeamsTable;
    team_members: TeamMembersTable;
    sessions: SessionsTable;
    api_tokens: ApiTokensTable;
  }
}

export type UserRow = Selectable<UsersTable>;
export type TeamRow = Selectable<TeamsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;

/** `%term%` for LIKE, with the wildcard characters of the term escaped (used with `escape '\'`). */
function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// ─── users ────────────────────────────────────────────────────────────────────────────────────────

export function insertUser(db: DbOrTx, row: UsersTable) {
  return db.insertInto('users').values(row).execute();
}

const userById = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('users').selectAll().where('id', '=', p.id),
);

export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await userById(db, { id });
  return row;
}

export function findUserByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export function findUsersByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').selectAll().where('id', 'in', ids).execute();
}

/** Ids and names only (lists of other domains show the name): no full rows. */
export function findUserNamesByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute();
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const row = await db.selectFrom('users').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active administrators other than `exceptUserId`. */
export async function countOtherActiveAdmins(db: DbOrTx, exceptUserId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(db.fn.countAll().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const USER_SORT_COLUMNS = { name: 'users.name', email: 'users.email', createdAt: 'users.created_at' };
const USER_SORT_FIELDS: Record<string, keyof UserRow> = {
  'users.name': 'name',
  'users.email': 'email',
  'users.created_at': 'created_at',
};

export function listUsers(
  db: DbOrTx,
  query: { q?: string | undefined; role?: Role | undefined; active?: boolean | undefined },
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('users').selectAll();
  if (query.q) {
    const like = likePattern(query.q);
    q = q.where(
      sql<boolean>`(lower(users.name) like ${like} escape '\\' or users.email like ${like} escape '\\')`,
    );
  }
  if (query.role) q = q.where('role', '=', query.role);
  if (query.active !== undefined) q = q.where('active', '=', query.active ? 1 : 0);
  const field = USER_SORT_FIELDS[page.sort.column] ?? 'name';
  return paginate(q, {
    sort: page.sort,
    idColumn: 'users.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r[field], id: r.id }),
  });
}

/** Optimistic update: false when the version did not match (or the user does not exist). */
export async function updateUser(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<UsersTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ─── teams ────────────────────────────────────────────────────────────────────────────────────────

export function insertTeam(db: DbOrTx, row: TeamsTable) {
  return db.insertInto('teams').values(row).execute();
}

export function findTeamById(db: DbOrTx, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTeamsByIds(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('teams').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** Team names are unique regardless of case. */
export function findTeamByName(db: DbOrTx, name: string) {
  return db
    .selectFrom('teams')
    .selectAll()
    .where(sql<boolean>`lower(teams.name) = ${name.toLowerCase()}`)
    .executeTakeFirst();
}

export function listTeams(
  db: DbOrTx,
  query: { q?: string | undefined },
  page: { sort: SortSpec; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('teams').selectAll();
  if (query.q) q = q.where(sql<boolean>`lower(teams.name) like ${likePattern(query.q)} escape '\\'`);
  const field: keyof TeamRow = page.sort.column === 'teams.created_at' ? 'created_at' : 'name';
  return paginate(q, {
    sort: page.sort,
    idColumn: 'teams.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r[field], id: r.id }),
  });
}

export async function updateTeam(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<TeamsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('teams')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A membership change changes the team as shown (its members): new version, no version check. */
export function touchTeam(db: DbOrTx, id: string, updatedAt: string) {
  return db
    .updateTable('teams')
    .set((eb) => ({ updated_at: updatedAt, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Members of the given teams, by name. */
export function listMembersOfTeams(db: DbOrTx, teamIds: readonly string[]) {
  if (teamIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['team_members.team_id', 'users.id', 'users.name', 'users.email', 'users.role'])
    .where('team_members.team_id', 'in', teamIds)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Adds a membership; false when it already existed. */
export async function insertTeamMember(db: DbOrTx, row: TeamMembersTable): Promise<boolean> {
  const result = await db
    .insertInto('team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Removes a membership; false when there was none. */
export async function deleteTeamMember(db: DbOrTx, teamId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('team_members')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function listTeamIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.team_id);
}

export function listTeamRefsOfUser(db: DbOrTx, userId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['teams.id', 'teams.name'])
    .where('team_members.user_id', '=', userId)
    .orderBy('teams.name')
    .execute();
}

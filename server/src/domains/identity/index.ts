import type { Locale } from '../../../../contracts/identity';
import type { Role } from '../../../../contracts/permissions';
import { type DbOrTx, toBool } from '../../platform/db/database';
import type { IdentityModule } from '../../platform/module';
import {
  countUsers as countUserRows,
  findTeamByName,
  findTeamsByIds,
  findUserByEmail,
  findUserById,
  findUserNamesByIds,
  findUsersByIds,
  listMembersOfTeams,
  listTeamIdsOfUser as listTeamIdsOfUserRows,
} from './identity.repository';
import { identityRoutes } from './identity.routes';
import { subscribeWelcomeMail } from './on-user-created.handler';
import { createPrincipalResolver } from './principal-resolver';
import { purgeSessionsJob } from './purge-sessions.job';
import './automation';

export const identityModule: IdentityModule = {
  name: 'identity',
  routes: identityRoutes,
  subscribers(ctx) {
    subscribeWelcomeMail(ctx);
  },
  jobs(ctx) {
    ctx.jobs.register(purgeSessionsJob());
  },
  principalResolver: (ctx) => createPrincipalResolver(ctx),
};

// ─── public read functions for other domains ──────────────────────────────────────────────────────

/** What other domains show of a user (owner, assignee, author). */
export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  /** The language mail to the user is written in. */
  locale: Locale;
}

function toSummary(row: {
  id: string;
  name: string;
  email: string;
  role: Role;
  active: number;
  locale: Locale;
}): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: toBool(row.active),
    locale: row.locale,
  };
}

export async function getUserSummary(db: DbOrTx, id: string): Promise<UserSummary | null> {
  const row = await findUserById(db, id);
  return row ? toSummary(row) : null;
}

/** Several users at once, keyed by id (ids that do not exist are missing from the map). */
export async function getUserSummaries(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, UserSummary>> {
  const rows = await findUsersByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, toSummary(r)]));
}

/** User names by id, for lists (ids that do not exist are missing from the map). */
export async function getUserNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await findUserNamesByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findUserSummaryByEmail(db: DbOrTx, email: string): Promise<UserSummary | null> {
  const row = await findUserByEmail(db, email);
  return row ? toSummary(row) : null;
}

export function listTeamIdsOfUser(db: DbOrTx, userId: string): Promise<string[]> {
  return listTeamIdsOfUserRows(db, userId);
}

/** Team names by id (ids that do not exist are missing from the map). */
export async function getTeamNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await findTeamsByIds(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The user ids of each team's members (teams without members are missing from the map). */
export async function getMemberIdsOfTeams(
  db: DbOrTx,
  teamIds: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await listMembersOfTeams(db, [...new Set(teamIds)]);
  const byTeam = new Map<string, string[]>();
  for (const r of rows) byTeam.set(r.team_id, [...(byTeam.get(r.team_id) ?? []), r.id]);
  return byTeam;
}

/** Team names are unique regardless of case. */
export async function findTeamIdByName(db: DbOrTx, name: string): Promise<string | null> {
  return (await findTeamByName(db, name))?.id ?? null;
}

export function countUsers(db: DbOrTx): Promise<number> {
  return countUserRows(db);
}

// ─── services for the CLI and the demo seed (they act as the system) ──────────────────────────────
export { createApiToken } from './api-tokens.service';
export { addTeamMember, createTeam } from './teams.service';
export { createUser, type IdentityDeps, updateUser } from './users.service';

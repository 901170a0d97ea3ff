import type { z } from 'zod';
import type { ListResponse } from '../../../../contracts/common';
import type { CreateTeam, Team, TeamListQuery, UpdateTeam } from '../../../../contracts/identity';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { type DbOrTx, isUniqueViolation } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { type TeamMember, teamAuditSnapshot, toTeam } from './identity.mappers';
import {
  deleteTeamMember,
  findTeamById,
  findTeamByName,
  findUserById,
  insertTeam,
  insertTeamMember,
  listMembersOfTeams,
  listTeams as listTeamRows,
  type TeamRow,
  touchTeam,
  updateTeam as updateTeamRow,
} from './identity.repository';
import type { IdentityDeps } from './users.service';

export const TEAM_SORT_COLUMNS = { name: 'teams.name', createdAt: 'teams.created_at' };

const nameTaken = (name: string) =>
  new AppError('conflict', 'identity.team_name_taken', `There is already a team called "${name}"`, [
    { path: 'name', message: 'A team with this name already exists' },
  ]);

/** Teams with their members, in one query for the members of all of them. */
async function withMembers(db: DbOrTx, rows: TeamRow[]): Promise<Team[]> {
  const members = await listMembersOfTeams(
    db,
    rows.map((r) => r.id),
  );
  const byTeam = new Map<string, TeamMember[]>();
  for (const m of members) {
    const list = byTeam.get(m.team_id) ?? [];
    list.push({ id: m.id, name: m.name, email: m.email, role: m.role });
    byTeam.set(m.team_id, list);
  }
  return rows.map((r) => toTeam(r, byTeam.get(r.id) ?? []));
}

async function loadTeam(db: DbOrTx, id: string): Promise<Team> {
  const row = await findTeamById(db, id);
  if (!row) throw notFound('team', id);
  const [team] = await withMembers(db, [row]);
  return team!;
}

export function getTeam(deps: IdentityDeps, id: string): Promise<Team> {
  return loadTeam(deps.db, id);
}

export async function listTeams(
  deps: IdentityDeps,
  query: z.infer<typeof TeamListQuery>,
): Promise<ListResponse<Team>> {
  const page = await listTeamRows(
    deps.db,
    { q: query.q },
    { sort: parseSort(query.sort, TEAM_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  return { items: await withMembers(deps.db, page.items), nextCursor: page.nextCursor };
}

export async function createTeam(
  deps: IdentityDeps,
  actor: Actor,
  input: z.infer<typeof CreateTeam>,
): Promise<Team> {
  const name = input.name.trim();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findTeamByName(trx, name)) throw nameTaken(name);
      const now = deps.clock.now().toISOString();
      const row: TeamRow = {
        id: uuidv7(),
        name,
        description: input.description?.trim() || null,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await insertTeam(trx, row);
      const team = toTeam(row, []);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'team',
        entityId: team.id,
        before: null,
        after: teamAuditSnapshot(team),
      });
      return team;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

export async function updateTeam(
  deps: IdentityDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof UpdateTeam>,
): Promise<Team> {
  const name = input.name?.trim();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const before = await loadTeam(trx, id);
      if (before.version !== input.version) throw staleVersion('team', id);
      if (name !== undefined && name.toLowerCase() !== before.name.toLowerCase()) {
        if (await findTeamByName(trx, name)) throw nameTaken(name);
      }
      const ok = await updateTeamRow(trx, id, input.version, {
        ...(name !== undefined ? { name } : {}),
        ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
        updated_at: deps.clock.now().toISOString(),
      });
      if (!ok) throw staleVersion('team', id);
      const after = await loadTeam(trx, id);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'team',
        entityId: id,
        before: teamAuditSnapshot(before),
        after: teamAuditSnapshot(after),
      });
      return after;
    });
  } catch (err) {
    if (isUniqueViolation(err) && name) throw nameTaken(name);
    throw err;
  }
}

/**
 * Adds a user to a team (raises `team.member_added`). Adding a member twice changes nothing.
 * Membership is part of the team as shown, so the team gets a new version.
 */
export async function addTeamMember(
  deps: IdentityDeps,
  actor: Actor,
  teamId: string,
  userId: string,
): Promise<Team> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTeam(trx, teamId);
    const user = await findUserById(trx, userId);
    if (!user) {
      throw new AppError('unprocessable', 'identity.unknown_user', `User ${userId} does not exist`, [
        { path: 'userId', message: 'No such user' },
      ]);
    }
    if (!user.active) {
      throw new AppError('unprocessable', 'identity.user_inactive', `${user.name} is deactivated`, [
        { path: 'userId', message: 'Deactivated users cannot join a team' },
      ]);
    }
    const now = deps.clock.now().toISOString();
    const added = await insertTeamMember(trx, { team_id: teamId, user_id: userId, added_at: now });
    if (!added) return before;
    await touchTeam(trx, teamId, now);
    const after = await loadTeam(trx, teamId);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'team',
      entityId: teamId,
      before: teamAuditSnapshot(before),
      after: teamAuditSnapshot(after),
    });
    await publish(trx, deps.clock, actor, 'team.member_added', { teamId, userId });
    return after;
  });
}

/** Removes a user from a team (raises `team.member_removed`); removing a non-member changes nothing. */
export async function removeTeamMember(
  deps: IdentityDeps,
  actor: Actor,
  teamId: string,
  userId: string,
): Promise<Team> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadTeam(trx, teamId);
    const removed = await deleteTeamMember(trx, teamId, userId);
    if (!removed) return before;
    const now = deps.clock.now().toISOString();
    await touchTeam(trx, teamId, now);
    const after = await loadTeam(trx, teamId);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'team',
      entityId: teamId,
      before: teamAuditSnapshot(before),
      after: teamAuditSnapshot(after),
    });
    await publish(trx, deps.clock, actor, 'team.member_removed', { teamId, userId });
    return after;
  });
}

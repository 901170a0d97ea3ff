import type { Db } from '../../platform/db/database';

export interface TeamWithMembers {
  id: string;
  name: string;
  memberIds: string[];
}

/**
 * Teams (all of them, or the given ones) with their current members, by name. Reports that show
 * figures per team count a team's members' work (docs/adr/0003: reporting reads identity's tables).
 */
export async function teamsWithMembers(
  db: Db,
  teamIds: readonly string[] | null,
): Promise<TeamWithMembers[]> {
  if (teamIds && teamIds.length === 0) return [];
  let teamsQ = db.selectFrom('teams').select(['id', 'name']).orderBy('name').orderBy('id');
  let membersQ = db.selectFrom('team_members').select(['team_id', 'user_id']);
  if (teamIds) {
    teamsQ = teamsQ.where('id', 'in', teamIds);
    membersQ = membersQ.where('team_id', 'in', teamIds);
  }
  const [teams, members] = await Promise.all([teamsQ.execute(), membersQ.execute()]);
  const byTeam = new Map<string, string[]>();
  for (const m of members) byTeam.set(m.team_id, [...(byTeam.get(m.team_id) ?? []), m.user_id]);
  return teams.map((t) => ({ id: t.id, name: t.name, memberIds: byTeam.get(t.id) ?? [] }));
}

/** User id → the ids of the given teams the user belongs to. */
export function teamsOfUsers(teams: readonly TeamWithMembers[]): Map<string, string[]> {
  const byUser = new Map<string, string[]>();
  for (const t of teams) {
    for (const userId of t.memberIds) byUser.set(userId, [...(byUser.get(userId) ?? []), t.id]);
  }
  return byUser;
}

import type { Assignee } from '../../../../contracts/automation';
import type { Locale } from '../../../../contracts/identity';
import type { DbOrTx } from '../../platform/db/database';
import { getTeamNames, getUserSummary } from '../identity';
import { type Lookup, teamNameOf, userOf } from './tasks.links';

/** 2026-11-28 → 28.11.2026 (rules' texts are German for now, like the invoices). */
export const germanDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** A business date `days` later (UTC arithmetic on the date alone: no time-zone shifts). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * When a rule is saved: a fixed user must be active and a fixed team must exist (owner and the
 * owner's manager are found when the rule runs). Returns a message, or null when fine.
 */
export async function checkFixedAssignee(db: DbOrTx, to: Assignee): Promise<string | null> {
  if (to.kind === 'user') {
    const user = await getUserSummary(db, to.userId);
    if (!user) return `User ${to.userId} does not exist`;
    if (!user.active) return `${user.name} is deactivated; choose an active user`;
  }
  if (to.kind === 'team' && !(await getTeamNames(db, [to.teamId])).has(to.teamId)) {
    return `Team ${to.teamId} does not exist`;
  }
  return null;
}

/** Who a resolved assignee is, for texts: the person's name and language, or the team's name. */
export async function describeAssignee(
  db: DbOrTx,
  resolved: { userId: string | null; teamId: string | null },
  lookup?: Lookup,
): Promise<{ name: string | null; locale: Locale; active: boolean }> {
  if (resolved.userId) {
    const user = await userOf(db, resolved.userId, lookup);
    if (user) return { name: user.name, locale: user.locale, active: user.active };
  }
  if (resolved.teamId) {
    const name = await teamNameOf(db, resolved.teamId, lookup);
    if (name) return { name: `Team ${name}`, locale: 'de', active: true };
  }
  return { name: null, locale: 'de', active: false };
}

import { sql } from 'kysely';
import type { DbOrTx, Dialect, Tx } from '../../platform/db/database';
import type { AutomationRulesTable, AutomationRuleVersionsTable } from './automation.tables';

/** SQL of the rules and their versions (runs: runs.repository.ts). */
export type RuleRow = AutomationRulesTable;

export function findRule(db: DbOrTx, id: string): Promise<RuleRow | undefined> {
  return db
    .selectFrom('automation_rules')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A live rule by its name (names are not unique: the oldest). */
export function findRuleByName(db: DbOrTx, name: string): Promise<RuleRow | undefined> {
  return db
    .selectFrom('automation_rules')
    .selectAll()
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * The rules' `last_run_at`, in one statement. On PostgreSQL a rule row another transaction holds
 * (a second worker starting runs of the same rules) is skipped, not waited for: that transaction
 * sets about the same time, and waiting would make the workers take turns on every batch.
 */
export async function touchRulesLastRun(
  trx: Tx,
  dialect: Dialect,
  ruleIds: readonly string[],
  at: string,
): Promise<void> {
  if (ruleIds.length === 0) return;
  let rows = trx
    .selectFrom('automation_rules')
    .select('id')
    .where('id', 'in', ruleIds)
    .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<', at)]));
  if (dialect === 'postgres') rows = rows.forUpdate().skipLocked();
  await trx.updateTable('automation_rules').set({ last_run_at: at }).where('id', 'in', rows).execute();
}

export function listCustomRuleRows(db: DbOrTx): Promise<RuleRow[]> {
  return db
    .selectFrom('automation_rules')
    .selectAll()
    .where('builtin_key', 'is', null)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findBuiltinRows(db: DbOrTx): Promise<RuleRow[]> {
  return db.selectFrom('automation_rules').selectAll().where('builtin_key', 'is not', null).execute();
}

export async function insertRule(db: DbOrTx, row: RuleRow): Promise<void> {
  await db.insertInto('automation_rules').values(row).execute();
}

/** Updates a rule if its version is still `version`; false when someone changed it meanwhile. */
export async function updateRuleRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<RuleRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('automation_rules')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertRuleVersion(db: DbOrTx, row: AutomationRuleVersionsTable): Promise<void> {
  await db.insertInto('automation_rule_versions').values(row).execute();
}

export function listRuleVersionRows(db: DbOrTx, id: string): Promise<AutomationRuleVersionsTable[]> {
  return db
    .selectFrom('automation_rule_versions')
    .selectAll()
    .where('rule_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
}

/** Runs and failed runs per rule since `since` (the list's 30-day counts), one grouped query. */
export async function runCountsSince(
  db: DbOrTx,
  since: string,
  ruleIds: string[],
): Promise<Map<string, { runs: number; failed: number }>> {
  const out = new Map<string, { runs: number; failed: number }>();
  if (ruleIds.length === 0) return out;
  const rows = await db
    .selectFrom('automation_runs')
    .select([
      'rule_id',
      sql<number>`count(*)`.as('runs'),
      sql<number>`sum(case when status = 'failed' then 1 else 0 end)`.as('failed'),
    ])
    .where('started_at', '>=', since)
    .where('rule_id', 'in', ruleIds)
    .groupBy('rule_id')
    .execute();
  for (const r of rows) out.set(r.rule_id, { runs: Number(r.runs), failed: Number(r.failed ?? 0) });
  return out;
}

/** Enabled rules (not deleted) whose definition mentions a text (an e-mail template's id). */
export function enabledRulesMentioning(
  db: DbOrTx,
  text: string,
): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('automation_rules')
    .select(['id', 'name'])
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .where('definition', 'like', `%${text.replace(/[%_]/g, '')}%`)
    .execute();
}

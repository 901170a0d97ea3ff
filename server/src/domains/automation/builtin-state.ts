import type { RecordType } from '../../../../contracts/automation';
import type { ActionResult } from '../../../../contracts/automation-runs';
import type { Clock } from '../../platform/clock';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import type { AutomationActionRunsTable, AutomationRunsTable } from './automation.tables';
import { builtinRuleOf } from './registry';

/**
 * The state of the built-in processes shown as rules: whether one is enabled, and the runs it
 * records. A built-in rule's row in `automation_rules` is made on first need (first edit, first
 * run); until then the registered defaults hold.
 */

function definitionOf(key: string) {
  const def = builtinRuleOf(key);
  if (!def) throw new Error(`Built-in rule "${key}" is not registered`);
  return def;
}

/** Whether the domain should run its built-in process `key` now. */
export async function isBuiltinRuleEnabled(db: DbOrTx, key: string): Promise<boolean> {
  const def = definitionOf(key);
  if (def.enabled) return def.enabled.read(db);
  const row = await db
    .selectFrom('automation_rules')
    .select('enabled')
    .where('builtin_key', '=', key)
    .executeTakeFirst();
  return row ? row.enabled === 1 : def.defaultEnabled;
}

/** The id and version of a built-in rule's row, made (with its version 1) when missing. */
export async function ensureBuiltinRuleRow(
  trx: Tx,
  clock: Clock,
  key: string,
): Promise<{ id: string; version: number }> {
  const existing = await trx
    .selectFrom('automation_rules')
    .select(['id', 'version'])
    .where('builtin_key', '=', key)
    .executeTakeFirst();
  if (existing) return existing;
  const def = definitionOf(key);
  const now = clock.now().toISOString();
  const id = uuidv7();
  const definition = JSON.stringify({ trigger: null, conditions: { match: 'all', items: [] }, actions: [] });
  const inserted = await trx
    .insertInto('automation_rules')
    .values({
      id,
      name: def.name,
      description: null,
      builtin_key: key,
      enabled: def.defaultEnabled ? 1 : 0,
      trigger_event: null,
      trigger_kind: 'builtin',
      definition,
      params: null,
      version: 1,
      created_by: null,
      created_at: now,
      updated_by: null,
      updated_at: now,
      last_run_at: null,
      next_run_at: null,
      deleted_at: null,
    })
    .onConflict((oc) => oc.column('builtin_key').doNothing())
    .returning(['id', 'version'])
    .executeTakeFirst();
  if (!inserted) {
    // another transaction made it first
    return trx
      .selectFrom('automation_rules')
      .select(['id', 'version'])
      .where('builtin_key', '=', key)
      .executeTakeFirstOrThrow();
  }
  await trx
    .insertInto('automation_rule_versions')
    .values({
      rule_id: id,
      version: 1,
      name: def.name,
      enabled: def.defaultEnabled ? 1 : 0,
      definition,
      params: null,
      changed_by: null,
      changed_at: now,
    })
    .execute();
  return { id, version: 1 };
}

/** One thing a built-in process did, for its rule's run history. */
export interface BuiltinRun {
  /** Unique per rule: `event:<id>`, `invoice:<id>:level:2`, … (a second record of it is ignored). */
  triggerKey: string;
  eventId?: string | null;
  eventType?: string | null;
  recordType: RecordType | null;
  recordId: string | null;
  recordLabel: string | null;
  /** "Rechnung RE-2026-00012 ist 14 Tage überfällig". */
  reason: string;
  /** What it made: one action run each (`create_task` → the task). */
  results: Array<{ kind: string; result: ActionResult | null }>;
}

/**
 * Records runs of a built-in process in its rule's history, in the caller's transaction (so a run
 * is recorded exactly when its effects commit). A trigger key recorded before is skipped.
 */
export async function recordBuiltinRuns(
  trx: Tx,
  clock: Clock,
  key: string,
  runs: BuiltinRun[],
): Promise<void> {
  if (runs.length === 0) return;
  const rule = await ensureBuiltinRuleRow(trx, clock, key);
  const now = clock.now().toISOString();
  const known = new Set<string>();
  for (let i = 0; i < runs.length; i += 500) {
    const keys = runs.slice(i, i + 500).map((r) => r.triggerKey);
    const rows = await trx
      .selectFrom('automation_runs')
      .select('trigger_key')
      .where('rule_id', '=', rule.id)
      .where('trigger_key', 'in', keys)
      .execute();
    for (const r of rows) known.add(r.trigger_key);
  }
  const fresh = runs.filter((r) => !known.has(r.triggerKey));
  // two runs of one key in the same call: the first counts
  const seen = new Set<string>();
  const runRows: AutomationRunsTable[] = [];
  const actionRows: AutomationActionRunsTable[] = [];
  for (const run of fresh) {
    if (seen.has(run.triggerKey)) continue;
    seen.add(run.triggerKey);
    const runId = uuidv7();
    runRows.push({
      id: runId,
      rule_id: rule.id,
      rule_version: rule.version,
      event_id: run.eventId ?? null,
      event_type: run.eventType ?? null,
      trigger_key: run.triggerKey,
      record_type: run.recordType,
      record_id: run.recordId,
      record_label: run.recordLabel,
      status: 'done',
      conditions: '[]',
      reason: run.reason,
      origin: null,
      context: null,
      error: null,
      started_at: now,
      finished_at: now,
      duration_ms: 0,
    });
    run.results.forEach((r, index) => {
      actionRows.push({
        id: uuidv7(),
        run_id: runId,
        rule_id: rule.id,
        action_index: index,
        kind: r.kind,
        status: 'done',
        attempts: 1,
        due_at: now,
        next_attempt_at: null,
        last_error: null,
        result: r.result ? JSON.stringify(r.result) : null,
        result_type: r.result?.entityType ?? null,
        result_id: r.result?.entityId ?? null,
        finished_at: now,
      });
    });
  }
  if (runRows.length === 0) return;
  for (let i = 0; i < runRows.length; i += 500) {
    await trx
      .insertInto('automation_runs')
      .values(runRows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['rule_id', 'trigger_key']).doNothing())
      .execute();
  }
  for (let i = 0; i < actionRows.length; i += 500) {
    await trx
      .insertInto('automation_action_runs')
      .values(actionRows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['run_id', 'action_index']).doNothing())
      .execute();
  }
  await trx
    .updateTable('automation_rules')
    .set({ last_run_at: now })
    .where('id', '=', rule.id)
    .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<', now)]))
    .execute();
}

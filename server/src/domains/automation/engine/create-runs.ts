import type { EvaluatedCondition } from '../../../../../contracts/automation-runs';
import { insertRows } from '../../../platform/db/bulk-insert';
import type { Tx } from '../../../platform/db/database';
import { uuidv7 } from '../../../platform/ids';
import type { AutomationActionRunsTable, AutomationRunsTable } from '../automation.tables';
import { touchRulesLastRun } from '../rules.repository';
import type { EngineEnv } from './action-context';
import type { Scope } from './conditions';
import { continueStartedRuns } from './execute-actions';
import type { EngineRule } from './rule-definition';

/** A run the engine decided to start (conditions held) or to stop (a loop). */
export interface PlannedRun {
  rule: EngineRule;
  triggerKey: string;
  eventId: string | null;
  eventType: string | null;
  recordType: string | null;
  recordId: string | null;
  recordLabel: string | null;
  evaluated: EvaluatedCondition[];
  reason: string;
  /** The origin the run's actions act under. */
  origin: string;
  scope: Scope;
  /** Set: the run is recorded as `stopped` with this message, and does nothing. */
  stopped?: string;
}

/** A run as inserted, with its action rows, for executing what is due (status `running`: due now). */
export interface StartedRun {
  row: AutomationRunsTable;
  actions: AutomationActionRunsTable[];
  rule: EngineRule;
  scope: Scope;
}

/**
 * Starts runs: skips a trigger key a rule already ran for (a second delivery of the event, a
 * schedule instant seen twice — one query finds them), carries out the actions due at once, then
 * inserts the runs and their action rows as they ended up, in multi-row statements (a run that
 * finished at once costs two inserted rows, no updates). The unique index (rule_id, trigger_key)
 * makes a concurrent second start fail at the insert and roll back with its effects.
 * Each action's `due_at` is now + the waits before it.
 */
export async function startPlannedRuns(
  trx: Tx,
  env: EngineEnv,
  now: Date,
  planned: PlannedRun[],
): Promise<StartedRun[]> {
  if (planned.length === 0) return [];
  const known = new Set<string>();
  const ruleIds = [...new Set(planned.map((p) => p.rule.id))];
  for (let i = 0; i < planned.length; i += 500) {
    const keys = [...new Set(planned.slice(i, i + 500).map((p) => p.triggerKey))];
    const rows = await trx
      .selectFrom('automation_runs')
      .select(['rule_id', 'trigger_key'])
      .where('rule_id', 'in', ruleIds)
      .where('trigger_key', 'in', keys)
      .execute();
    for (const r of rows) known.add(`${r.rule_id}|${r.trigger_key}`);
  }
  const iso = now.toISOString();
  const started: StartedRun[] = [];
  const runRows: AutomationRunsTable[] = [];
  const actionRows: AutomationActionRunsTable[] = [];
  for (const p of planned) {
    const key = `${p.rule.id}|${p.triggerKey}`;
    if (known.has(key)) continue;
    known.add(key);
    const runId = uuidv7();
    const row: AutomationRunsTable = {
      id: runId,
      rule_id: p.rule.id,
      rule_version: p.rule.version,
      event_id: p.eventId,
      event_type: p.eventType,
      trigger_key: p.triggerKey,
      record_type: p.recordType,
      record_id: p.recordId,
      record_label: p.recordLabel,
      status: p.stopped ? 'stopped' : 'running',
      conditions: JSON.stringify(p.evaluated),
      reason: p.reason,
      origin: p.origin,
      context: p.stopped ? null : JSON.stringify(p.scope),
      error: p.stopped ?? null,
      started_at: iso,
      finished_at: p.stopped ? iso : null,
      duration_ms: p.stopped ? 0 : null,
    };
    runRows.push(row);
    const actions: AutomationActionRunsTable[] = [];
    if (!p.stopped) {
      let offsetMs = 0;
      p.rule.actions.forEach((action, index) => {
        // waits at the start are reached at once: done when inserted, so a run that begins with a
        // wait is `waiting` without a statement more (runs by the hundred thousand)
        const reached = action.kind === 'wait' && actions.every((a) => a.status === 'done');
        actions.push({
          id: uuidv7(),
          run_id: runId,
          rule_id: p.rule.id,
          action_index: index,
          kind: action.kind,
          status: reached ? 'done' : 'pending',
          attempts: reached ? 1 : 0,
          due_at: new Date(now.getTime() + offsetMs).toISOString(),
          next_attempt_at: null,
          last_error: null,
          result: null,
          result_type: null,
          result_id: null,
          finished_at: reached ? iso : null,
        });
        if (action.kind === 'wait') offsetMs += action.minutes * 60_000;
      });
      actionRows.push(...actions);
      const next = actions.find((a) => a.status === 'pending');
      if (next && next.due_at > iso) row.status = 'waiting';
    }
    started.push({ row, actions, rule: p.rule, scope: p.scope });
  }
  // the rows are not in the table yet: their actions due at once change them in memory only
  const due = started.filter((run) => run.row.status === 'running');
  await continueStartedRuns(trx, env, due);
  await insertRows(trx, 'automation_runs', runRows);
  await insertRows(trx, 'automation_action_runs', actionRows);
  await touchRulesLastRun(trx, env.dialect, [...new Set(runRows.map((r) => r.rule_id))], iso);
  return started;
}

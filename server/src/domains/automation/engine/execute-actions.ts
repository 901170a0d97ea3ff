import { sql } from 'kysely';
import type { Tx } from '../../../platform/db/database';
import { errorLine } from '../../../platform/jobs/backoff';
import type { AutomationActionRunsTable, AutomationRunsTable } from '../automation.tables';
import { actionOf } from '../registry';
import { actionContext, type EngineEnv, LookupMemo } from './action-context';
import type { Scope } from './conditions';
import type { EngineRule } from './rule-definition';

/** Waits after the 1st, 2nd, 3rd, 4th failed attempt; the 5th failure is final. */
export const ACTION_RETRY_MINUTES = [1, 5, 30, 120];
export const MAX_ACTION_ATTEMPTS = ACTION_RETRY_MINUTES.length + 1;

/** A run with its action rows (in order), the rule at the run's version and the scope it saw. */
export interface RunState {
  row: AutomationRunsTable;
  actions: AutomationActionRunsTable[];
  rule: EngineRule;
  scope: Scope;
}

const FINISHED = new Set(['done', 'discarded', 'skipped']);

/**
 * Carries a run on in `trx`: its pending actions in order, as far as they are due. Each action runs
 * inside a savepoint: its effects and its `done` mark commit together with the caller's transaction,
 * a failure rolls back only the action's own writes and schedules the next attempt (backoff) — after
 * the last one the action and the run are `failed`. A later action never runs while an earlier one
 * is pending or failed. The run's rows change in memory and, unless `unsaved` (a run being started:
 * its rows are inserted afterwards as they end up), in the table. Returns how many actions were
 * carried out. `savepoints: false` (only with `unsaved`, inside a savepoint of the caller's): no
 * savepoint per action, and a failing action's error is thrown instead of recorded — the caller
 * rolls back and runs the run again the normal way (see continueStartedRuns). `memo`: the lookups
 * shared with the other runs of the caller's pass in `trx` (cleared here when an action rolls back).
 */
export async function continueRun(
  trx: Tx,
  env: EngineEnv,
  run: RunState,
  opts: { unsaved?: boolean; savepoints?: boolean; memo?: LookupMemo } = {},
): Promise<number> {
  const save = !opts.unsaved;
  const isolate = opts.savepoints !== false;
  const memo = opts.memo ?? new LookupMemo();
  const now = env.clock.now();
  const nowIso = now.toISOString();
  let executed = 0;
  let status: AutomationRunsTable['status'] = 'done';
  let error: string | null = null;
  for (const a of run.actions) {
    if (FINISHED.has(a.status)) continue;
    if (a.status === 'failed') {
      status = 'failed';
      error = a.last_error;
      break;
    }
    if (a.due_at > nowIso || (a.next_attempt_at !== null && a.next_attempt_at > nowIso)) {
      status = 'waiting';
      error = a.last_error;
      break;
    }
    const action = run.rule.actions[a.action_index];
    const impl = action ? actionOf(action.kind) : undefined;
    if (action?.kind === 'wait') {
      await markDone(trx, a, nowIso, null, save);
      // a wait counts from when it is reached: an earlier action that succeeded only on a retry
      // reaches it late, and the actions after it move by as much (their due times assumed on time)
      const lateMs = now.getTime() - Date.parse(a.due_at);
      if (lateMs > 0) await postponeLaterActions(trx, run.actions, a.action_index, lateMs, save);
      continue;
    }
    if (isolate) await sql`savepoint automation_action`.execute(trx);
    try {
      if (!action || !impl) throw new Error(`Die Aktion „${a.kind}“ gibt es nicht (mehr)`);
      const ctx = actionContext(
        trx,
        env,
        run.rule,
        {
          id: run.row.id,
          reason: run.row.reason,
          triggerKey: run.row.trigger_key,
          eventId: run.row.event_id,
          origin: run.row.origin,
          recordType: run.row.record_type,
          recordId: run.row.record_id,
        },
        run.scope,
        { id: a.id, index: a.action_index },
        memo,
      );
      const result = await impl.execute(ctx, action as never);
      if (isolate) await sql`release savepoint automation_action`.execute(trx);
      await markDone(trx, a, nowIso, result, save);
      executed++;
    } catch (err) {
      if (!isolate) throw err;
      await sql`rollback to savepoint automation_action`.execute(trx);
      await sql`release savepoint automation_action`.execute(trx);
      memo.clear();
      const attempts = a.attempts + 1;
      const final = attempts >= MAX_ACTION_ATTEMPTS;
      const delay = ACTION_RETRY_MINUTES[attempts - 1] ?? 0;
      a.attempts = attempts;
      a.last_error = errorLine(err);
      a.status = final ? 'failed' : 'pending';
      a.next_attempt_at = final ? null : new Date(now.getTime() + delay * 60_000).toISOString();
      if (final) a.finished_at = nowIso;
      if (save)
        await trx
          .updateTable('automation_action_runs')
          .set({
            attempts,
            last_error: a.last_error,
            status: a.status,
            next_attempt_at: a.next_attempt_at,
            finished_at: a.finished_at,
          })
          .where('id', '=', a.id)
          .execute();
      env.log.warn({ err, rule: run.rule.id, actionRun: a.id, attempts }, 'automation action failed');
      status = final ? 'failed' : 'waiting';
      error = a.last_error;
      break;
    }
  }
  const ended = status === 'done' || status === 'failed';
  run.row.status = status;
  run.row.error = error;
  run.row.finished_at = ended ? nowIso : null;
  run.row.duration_ms = ended ? Math.max(0, now.getTime() - Date.parse(run.row.started_at)) : null;
  if (!save) return executed;
  await trx
    .updateTable('automation_runs')
    .set({
      status,
      error,
      finished_at: run.row.finished_at,
      duration_ms: run.row.duration_ms,
    })
    .where('id', '=', run.row.id)
    .execute();
  return executed;
}

/**
 * Carries on runs being started (rows not inserted yet) in `trx`: their actions due at once. A
 * savepoint per action costs two statements each (thousands per relay batch), and actions rarely
 * fail; so all of them run first under one savepoint. When one throws, that pass is rolled back,
 * the runs' rows are put back as they were, and every run goes again with a savepoint per action,
 * which records the failure and its retry as always (the relay's "batch, else one by one"). Each
 * pass shares one LookupMemo among its actions (a task type, a user looked up once per pass).
 */
export async function continueStartedRuns(trx: Tx, env: EngineEnv, runs: RunState[]): Promise<void> {
  if (runs.length === 0) return;
  // copies to restore in place: the caller inserts these very row objects afterwards
  const saved = runs.flatMap((r) => [r.row, ...r.actions]).map((o) => [o, { ...o }] as const);
  await sql`savepoint automation_actions`.execute(trx);
  try {
    const memo = new LookupMemo();
    for (const run of runs) await continueRun(trx, env, run, { unsaved: true, savepoints: false, memo });
    await sql`release savepoint automation_actions`.execute(trx);
    return;
  } catch {
    await sql`rollback to savepoint automation_actions`.execute(trx);
    await sql`release savepoint automation_actions`.execute(trx);
  }
  for (const [row, copy] of saved) Object.assign(row, copy);
  const memo = new LookupMemo();
  for (const run of runs) await continueRun(trx, env, run, { unsaved: true, memo });
}

async function markDone(
  trx: Tx,
  a: AutomationActionRunsTable,
  at: string,
  result: { entityType: string; entityId: string; label: string | null } | null,
  save: boolean,
): Promise<void> {
  a.status = 'done';
  a.attempts += 1;
  a.finished_at = at;
  a.next_attempt_at = null;
  a.result = result ? JSON.stringify(result) : null;
  a.result_type = result?.entityType ?? null;
  a.result_id = result?.entityId ?? null;
  if (!save) return;
  await trx
    .updateTable('automation_action_runs')
    .set({
      status: 'done',
      attempts: a.attempts,
      finished_at: at,
      next_attempt_at: null,
      result: a.result,
      result_type: a.result_type,
      result_id: a.result_id,
    })
    .where('id', '=', a.id)
    .execute();
}

/** Moves the pending actions after `index` later by `ms` (in the run's state and in the table). */
async function postponeLaterActions(
  trx: Tx,
  actions: AutomationActionRunsTable[],
  index: number,
  ms: number,
  save: boolean,
): Promise<void> {
  for (const b of actions) {
    if (b.action_index <= index || b.status !== 'pending') continue;
    b.due_at = new Date(Date.parse(b.due_at) + ms).toISOString();
    if (save)
      await trx
        .updateTable('automation_action_runs')
        .set({ due_at: b.due_at })
        .where('id', '=', b.id)
        .execute();
  }
}

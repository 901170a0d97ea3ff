import type { ActionRun, FailedAction, RuleRun, RunStatus } from '../../../../contracts/automation-runs';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, notFound } from '../../platform/http/errors';
import type { AutomationActionRunsTable, AutomationRunsTable } from './automation.tables';
import { carryOnRun } from './engine/run-due-actions';
import { visibleRecordIds } from './record-access';
import { getRuleRow, type RulesDeps } from './rules.service';

/** Run history, the failed-actions list (retry / discard) and provenance of what rules made. */

const cursorOf = (id: string) => Buffer.from(id).toString('base64url');
function idOfCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError(
      'bad_request',
      'list.bad_cursor',
      'The cursor is not valid; start again from the first page',
    );
  }
  return id;
}

function toActionRun(a: AutomationActionRunsTable): ActionRun {
  return {
    id: a.id,
    actionIndex: a.action_index,
    kind: a.kind,
    status: a.status,
    attempts: a.attempts,
    dueAt: a.due_at,
    nextAttemptAt: a.next_attempt_at,
    lastError: a.last_error,
    result: a.result ? JSON.parse(a.result) : null,
    finishedAt: a.finished_at,
  };
}

function toRun(r: AutomationRunsTable, ruleName: string, actions: AutomationActionRunsTable[]): RuleRun {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName,
    ruleVersion: r.rule_version,
    eventId: r.event_id,
    eventType: r.event_type,
    triggerKey: r.trigger_key,
    recordType: r.record_type as RuleRun['recordType'],
    recordId: r.record_id,
    recordLabel: r.record_label,
    status: r.status,
    conditions: JSON.parse(r.conditions),
    reason: r.reason,
    error: r.error,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    actions: actions.filter((a) => a.run_id === r.id).map(toActionRun),
  };
}

/** A rule's runs, newest first, with their action runs. */
export async function listRuleRuns(
  deps: RulesDeps,
  ruleId: string,
  query: { limit: number; cursor?: string | undefined; status?: RunStatus | undefined },
): Promise<{ items: RuleRun[]; nextCursor: string | null }> {
  const rule = await getRuleRow(deps.db, ruleId);
  let q = deps.db.selectFrom('automation_runs').selectAll().where('rule_id', '=', ruleId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.cursor) q = q.where('id', '<', idOfCursor(query.cursor));
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const actions = page.length
    ? await deps.db
        .selectFrom('automation_action_runs')
        .selectAll()
        .where(
          'run_id',
          'in',
          page.map((r) => r.id),
        )
        .orderBy('action_index')
        .execute()
    : [];
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toRun(r, rule.name, actions)),
    nextCursor: rows.length > query.limit && last ? cursorOf(last.id) : null,
  };
}

/** Actions that failed after their last attempt, newest first (the admin's list). */
export async function listFailedActions(
  deps: RulesDeps,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: FailedAction[]; nextCursor: string | null }> {
  let q = deps.db
    .selectFrom('automation_action_runs as a')
    .innerJoin('automation_runs as r', 'r.id', 'a.run_id')
    .innerJoin('automation_rules as ru', 'ru.id', 'a.rule_id')
    .selectAll('a')
    .select(['ru.name as rule_name', 'r.record_label'])
    .where('a.status', '=', 'failed');
  if (query.cursor) q = q.where('a.id', '<', idOfCursor(query.cursor));
  const rows = await q
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((a) => ({
      ...toActionRun(a),
      runId: a.run_id,
      ruleId: a.rule_id,
      ruleName: a.rule_name,
      recordLabel: a.record_label,
    })),
    nextCursor: rows.length > query.limit && last ? cursorOf(last.id) : null,
  };
}

async function failedAction(deps: RulesDeps, id: string): Promise<AutomationActionRunsTable> {
  const row = await deps.db
    .selectFrom('automation_action_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('automation_action_run', id);
  if (row.status !== 'failed') {
    throw new AppError(
      'conflict',
      'automation.action_not_failed',
      `This action is ${row.status}, not failed; only failed actions can be retried or discarded`,
    );
  }
  return row;
}

async function getActionRun(deps: RulesDeps, id: string): Promise<FailedAction> {
  const a = await deps.db
    .selectFrom('automation_action_runs as a')
    .innerJoin('automation_runs as r', 'r.id', 'a.run_id')
    .innerJoin('automation_rules as ru', 'ru.id', 'a.rule_id')
    .selectAll('a')
    .select(['ru.name as rule_name', 'r.record_label'])
    .where('a.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    ...toActionRun(a),
    runId: a.run_id,
    ruleId: a.rule_id,
    ruleName: a.rule_name,
    recordLabel: a.record_label,
  };
}

/**
 * A failed action is tried again (`pending`, due now, run at once) or given up (`discarded`); either
 * way the run goes on with its next actions. A retry that fails counts as the last attempt again.
 */
async function settleFailedAction(
  deps: RulesDeps,
  actor: Actor,
  id: string,
  to: 'pending' | 'discarded',
): Promise<FailedAction> {
  const row = await failedAction(deps, id);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('automation_action_runs')
      .set(
        to === 'pending'
          ? { status: 'pending', due_at: now, next_attempt_at: null, finished_at: null }
          : { status: 'discarded', finished_at: now },
      )
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .execute();
    await trx
      .updateTable('automation_runs')
      .set({ status: 'running', finished_at: null })
      .where('id', '=', row.run_id)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'automation_action_run',
      entityId: id,
      before: { status: 'failed', lastError: row.last_error },
      after: { status: to },
      label: row.kind,
    });
  });
  await carryOnRun(deps, row.run_id);
  return getActionRun(deps, id);
}

export const retryFailedAction = (deps: RulesDeps, actor: Actor, id: string) =>
  settleFailedAction(deps, actor, id, 'pending');

export const discardFailedAction = (deps: RulesDeps, actor: Actor, id: string) =>
  settleFailedAction(deps, actor, id, 'discarded');

/**
 * The rule runs that made a record ("created by rule X because …"), newest first. The reasons
 * name labels and amounts of the record: only for people who may see it (404 otherwise, as if
 * it did not exist). The caller checks the record type's read permission.
 */
export async function provenanceOf(deps: RulesDeps, actor: Actor, entityType: string, entityId: string) {
  if (!(await visibleRecordIds(deps.db, actor, entityType, [entityId])).has(entityId)) {
    throw notFound(entityType, entityId);
  }
  const rows = await deps.db
    .selectFrom('automation_action_runs as a')
    .innerJoin('automation_runs as r', 'r.id', 'a.run_id')
    .innerJoin('automation_rules as ru', 'ru.id', 'a.rule_id')
    .select([
      'a.rule_id',
      'ru.name as rule_name',
      'r.rule_version',
      'r.id as run_id',
      'r.reason',
      'a.finished_at',
      'r.started_at',
    ])
    .where('a.result_type', '=', entityType)
    .where('a.result_id', '=', entityId)
    .orderBy('a.id', 'desc')
    .limit(20)
    .execute();
  return {
    items: rows.map((r) => ({
      ruleId: r.rule_id,
      ruleName: r.rule_name,
      ruleVersion: r.rule_version,
      runId: r.run_id,
      reason: r.reason,
      at: r.finished_at ?? r.started_at,
    })),
  };
}

import { type Action, type Conditions, CreateRule, type Trigger } from '../../../../contracts/automation';
import { type DryRunCase, DryRunRequest, type DryRunResult } from '../../../../contracts/automation-runs';
import type { Permission } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { evaluateDryRunConditions, eventPayloadFromRecord } from './dry-run-event';
import { actionContext } from './engine/action-context';
import type { Scope } from './engine/conditions';
import { recordsDueOn, targetDate } from './engine/date-triggers.job';
import { rootTypeOf } from './engine/fields';
import type { EngineRule } from './engine/rule-definition';
import { nextCronRuns } from './engine/schedules.job';
import { labelOf, loadScopes } from './engine/scope';
import { EVENT_RECORDS } from './event-records';
import { READ_PERMISSION, visibleRecordIds } from './record-access';
import { actionOf, recordTypeOf } from './registry';
import { getRuleRow, type RulesDeps } from './rules.service';
import { validateRule } from './rules.validate';

/** Who asks for a dry run: it shows only records they may read (role, token scopes) and see. */
export interface DryRunViewer {
  actor: Actor;
  mayRead(permission: Permission): boolean;
}

/** Of `ids`, the records of `type` the viewer may see. */
async function visibleTargets(db: DbOrTx, viewer: DryRunViewer, type: string, ids: string[]) {
  const permission = READ_PERMISSION[type];
  if (!permission || !viewer.mayRead(permission)) return new Set<string>();
  return visibleRecordIds(db, viewer.actor, type, ids);
}

/** Thrown to roll the dry run's transaction back, carrying its result out. */
class RollBack extends Error {
  constructor(readonly result: DryRunResult) {
    super('dry run');
  }
}

/**
 * What a rule would do now against current data, without doing it: for the chosen record, else
 * the root type's most recent records (date triggers: the records due today), the conditions
 * evaluated and each action described. Runs in a transaction that is always rolled back.
 */
async function dryRun(
  deps: RulesDeps,
  viewer: DryRunViewer,
  rule: EngineRule,
  req: { recordId?: string | undefined; limit: number },
) {
  try {
    await deps.db.transaction().execute(async (trx) => {
      throw new RollBack(await computeDryRun(trx, deps, viewer, rule, req));
    });
  } catch (err) {
    if (err instanceof RollBack) return err.result;
    throw err;
  }
  throw new Error('unreachable');
}

async function computeDryRun(
  db: DbOrTx,
  deps: RulesDeps,
  viewer: DryRunViewer,
  rule: EngineRule,
  req: { recordId?: string | undefined; limit: number },
): Promise<DryRunResult> {
  const now = deps.clock.now();
  const { trigger } = rule;
  const rootType = rootTypeOf(trigger);
  const nextRuns =
    trigger.kind === 'schedule'
      ? nextCronRuns(trigger.cron, deps.config.timezone, now, 5).map((d) => d.toISOString())
      : [];
  let ids: string[] = [];
  if (rootType) {
    const def = recordTypeOf(rootType);
    if (req.recordId) ids = [req.recordId];
    else if (trigger.kind === 'date') {
      const date = targetDate(businessDate(now, deps.config.timezone), trigger.offsetDays);
      ids = await recordsDueOn(db, rule, date, req.limit);
    } else ids = (await def?.recent?.(db, req.limit)) ?? [];
    // a dry run shows the record's data: only records the viewer may see (a manager: their teams')
    const visible = await visibleTargets(db, viewer, rootType, ids);
    ids = ids.filter((id) => visible.has(id));
  }
  const scopes = rootType ? await loadScopes(db, rootType, ids) : new Map<string, Scope>();
  if (rootType && req.recordId && !scopes.has(req.recordId)) {
    throw new AppError(
      'not_found',
      'automation.record_not_found',
      `There is no ${rootType} ${req.recordId} visible to you`,
    );
  }
  const targets: Array<{ id: string | null; scope: Scope }> = rootType
    ? ids.filter((id) => scopes.has(id)).map((id) => ({ id, scope: scopes.get(id) as Scope }))
    : [{ id: null, scope: {} }];
  const cases: DryRunCase[] = [];
  for (const target of targets) {
    const scope: Scope = { ...target.scope };
    if (trigger.kind === 'event') {
      const info = EVENT_RECORDS[trigger.event];
      scope.event =
        info && target.id && rootType
          ? eventPayloadFromRecord(trigger.event, info.idField, target.id, target.scope[rootType])
          : {};
    }
    const { passed, evaluated } = evaluateDryRunConditions(rule.conditions, scope);
    const label = labelOf(rootType, scope);
    const run = {
      id: 'dry-run',
      reason: 'Testlauf',
      triggerKey: 'dry-run',
      eventId: null,
      origin: `rule:${rule.id}@${rule.version}`,
      recordType: rootType,
      recordId: target.id,
    };
    const actions: DryRunCase['actions'] = [];
    for (const [index, action] of rule.actions.entries()) {
      const impl = actionOf(action.kind);
      if (!impl) {
        actions.push({
          kind: action.kind,
          description: action.kind,
          problem: 'Diese Aktion ist nicht verfügbar',
        });
        continue;
      }
      try {
        const ctx = actionContext(db, deps, rule, run, scope, { id: 'dry-run', index });
        const d = await impl.describe({ ...ctx, db }, action as never);
        actions.push({ kind: action.kind, ...d });
      } catch (err) {
        actions.push({ kind: action.kind, description: action.kind, problem: (err as Error).message });
      }
    }
    cases.push({
      recordType: rootType as DryRunCase['recordType'],
      recordId: target.id,
      recordLabel: label,
      conditionsPassed: passed,
      conditions: evaluated,
      actions,
    });
  }
  return { nextRuns, cases };
}

/** POST /api/rules/:id/dry-run. */
export async function dryRunRule(
  deps: RulesDeps,
  viewer: DryRunViewer,
  id: string,
  raw: unknown,
): Promise<DryRunResult> {
  const req = DryRunRequest.parse(raw ?? {});
  const row = await getRuleRow(deps.db, id);
  if (row.builtin_key) {
    throw new AppError(
      'unprocessable',
      'automation.builtin_dry_run',
      'Built-in rules run in their own processes; a dry run is available for custom rules',
    );
  }
  const def = JSON.parse(row.definition) as { trigger: Trigger; conditions: Conditions; actions: Action[] };
  return dryRun(deps, viewer, { id: row.id, name: row.name, version: row.version, ...def }, req);
}

/** POST /api/rules/dry-run: an unsaved definition, validated like a save. */
export async function dryRunDefinition(
  deps: RulesDeps,
  viewer: DryRunViewer,
  body: { rule: unknown; recordId?: string | undefined; limit?: number | undefined },
): Promise<DryRunResult> {
  const def = CreateRule.parse(body.rule);
  await validateRule(deps.db, def, deps.config.timezone);
  const req = DryRunRequest.parse({ recordId: body.recordId, limit: body.limit ?? 5 });
  return dryRun(
    deps,
    viewer,
    {
      id: 'draft',
      name: def.name,
      version: 0,
      trigger: def.trigger,
      conditions: def.conditions,
      actions: def.actions,
    },
    req,
  );
}

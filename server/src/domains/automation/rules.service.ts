import {
  type Action,
  type Conditions,
  CreateRule,
  NO_CONDITIONS,
  type Rule,
  type Trigger,
  UpdateRule,
} from '../../../../contracts/automation';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import type { AutomationRulesTable } from './automation.tables';
import { ensureBuiltinRuleRow } from './builtin-state';
import { nextCronRun } from './engine/schedules.job';
import { allBuiltinRules, type BuiltinRuleDef, builtinRuleOf } from './registry';
import {
  findBuiltinRows,
  findRule,
  insertRule,
  insertRuleVersion,
  listCustomRuleRows,
  listRuleVersionRows,
  type RuleRow,
  runCountsSince,
  updateRuleRow,
} from './rules.repository';
import { validateRule } from './rules.validate';

export type RulesDeps = Pick<AppContext, 'db' | 'clock' | 'config' | 'log' | 'dialect'>;

interface StoredDefinition {
  trigger: Trigger | null;
  conditions: Conditions;
  actions: Action[];
}

const DAY_MS = 86_400_000;

/** The engine's lookup columns, kept in step with the trigger. */
function triggerColumns(trigger: Trigger, enabled: boolean, deps: RulesDeps) {
  const next =
    trigger.kind === 'schedule' && enabled
      ? nextCronRun(trigger.cron, deps.config.timezone, deps.clock.now())
      : null;
  return {
    trigger_kind: trigger.kind,
    trigger_event: trigger.kind === 'event' ? trigger.event : null,
    next_run_at: next ? next.toISOString() : null,
  };
}

async function toRule(
  db: Tx | RulesDeps['db'],
  row: RuleRow,
  counts: { runs: number; failed: number } | undefined,
  builtin?: BuiltinRuleDef,
): Promise<Rule> {
  const def = JSON.parse(row.definition) as StoredDefinition;
  const enabled = builtin?.enabled ? await builtin.enabled.read(db) : row.enabled === 1;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled,
    trigger: builtin ? null : def.trigger,
    conditions: def.conditions ?? NO_CONDITIONS,
    actions: builtin ? [] : def.actions,
    builtin: builtin
      ? {
          key: builtin.key,
          params: builtin.params,
          values: await builtin.readParams(db),
          settingsPath: builtin.settingsPath,
        }
      : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRunAt: row.last_run_at,
    runs30d: counts?.runs ?? 0,
    failed30d: counts?.failed ?? 0,
  };
}

async function ruleOf(db: Tx | RulesDeps['db'], deps: RulesDeps, row: RuleRow): Promise<Rule> {
  const since = new Date(deps.clock.now().getTime() - 30 * DAY_MS).toISOString();
  const counts = await runCountsSince(db, since, [row.id]);
  const builtin = row.builtin_key ? builtinRuleOf(row.builtin_key) : undefined;
  return toRule(db, row, counts.get(row.id), builtin);
}

/** Built-in rules first (in their order, each with its row, made when missing), then custom rules by name. */
export async function listRules(deps: RulesDeps): Promise<{ items: Rule[] }> {
  const defs = allBuiltinRules();
  let builtinRows = await findBuiltinRows(deps.db);
  if (defs.some((d) => !builtinRows.some((r) => r.builtin_key === d.key))) {
    await deps.db.transaction().execute(async (trx) => {
      for (const d of defs) await ensureBuiltinRuleRow(trx, deps.clock, d.key);
    });
    builtinRows = await findBuiltinRows(deps.db);
  }
  const custom = await listCustomRuleRows(deps.db);
  const rows = [...builtinRows, ...custom];
  const since = new Date(deps.clock.now().getTime() - 30 * DAY_MS).toISOString();
  const counts = await runCountsSince(
    deps.db,
    since,
    rows.map((r) => r.id),
  );
  const items: Rule[] = [];
  for (const d of defs) {
    const row = builtinRows.find((r) => r.builtin_key === d.key);
    if (row) items.push(await toRule(deps.db, row, counts.get(row.id), d));
  }
  for (const row of custom) items.push(await toRule(deps.db, row, counts.get(row.id)));
  return { items };
}

export async function getRuleRow(db: RulesDeps['db'] | Tx, id: string): Promise<RuleRow> {
  const row = await findRule(db, id);
  if (!row) throw notFound('automation_rule', id);
  return row;
}

export async function getRule(deps: RulesDeps, id: string): Promise<Rule> {
  return ruleOf(deps.db, deps, await getRuleRow(deps.db, id));
}

const snapshot = (r: Rule) => ({
  name: r.name,
  description: r.description,
  enabled: r.enabled,
  trigger: r.trigger,
  conditions: r.conditions,
  actions: r.actions,
  ...(r.builtin ? { params: r.builtin.values } : {}),
});

async function writeVersion(trx: Tx, row: RuleRow, actor: Actor, at: string): Promise<void> {
  await insertRuleVersion(trx, {
    rule_id: row.id,
    version: row.version,
    name: row.name,
    enabled: row.enabled,
    definition: row.definition,
    params: row.params,
    changed_by: actor.userId,
    changed_at: at,
  });
}

export async function createRule(deps: RulesDeps, actor: Actor, raw: CreateRule): Promise<Rule> {
  const input = CreateRule.parse(raw);
  await validateRule(deps.db, input, deps.config.timezone);
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    const row: AutomationRulesTable = {
      id: uuidv7(),
      name: input.name,
      description: input.description,
      builtin_key: null,
      enabled: input.enabled ? 1 : 0,
      ...triggerColumns(input.trigger, input.enabled, deps),
      definition: JSON.stringify({
        trigger: input.trigger,
        conditions: input.conditions,
        actions: input.actions,
      }),
      params: null,
      version: 1,
      created_by: actor.userId,
      created_at: now,
      updated_by: actor.userId,
      updated_at: now,
      last_run_at: null,
      deleted_at: null,
    };
    await insertRule(trx, row);
    await writeVersion(trx, row, actor, now);
    const rule = await ruleOf(trx, deps, row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'automation_rule',
      entityId: row.id,
      before: null,
      after: snapshot(rule),
      label: rule.name,
    });
    return rule;
  });
}

/**
 * A new version of a rule (the whole definition again; fields left out stay). Built-in rules take
 * only `enabled` and `params` (and need `automation.builtins`: `canBuiltins`).
 */
export async function updateRule(
  deps: RulesDeps,
  actor: Actor,
  id: string,
  raw: UpdateRule,
  canBuiltins: boolean,
): Promise<Rule> {
  const input = UpdateRule.parse(raw);
  const current = await getRuleRow(deps.db, id);
  const builtin = current.builtin_key ? builtinRuleOf(current.builtin_key) : undefined;
  if (current.builtin_key) {
    if (!canBuiltins) {
      throw new AppError('forbidden', 'auth.forbidden', 'You are not allowed to change built-in rules');
    }
    const extra = (['name', 'description', 'trigger', 'conditions', 'actions'] as const).filter(
      (k) => input[k] !== undefined,
    );
    if (extra.length) {
      throw new AppError(
        'unprocessable',
        'automation.builtin_fixed',
        'A built-in rule can only be enabled, disabled and adjusted through its parameters',
        extra.map((k) => ({
          path: k,
          message: 'Built-in rules keep their steps; change the parameters instead',
        })),
      );
    }
  } else if (input.params !== undefined) {
    throw new AppError('unprocessable', 'automation.invalid_rule', 'Only built-in rules have parameters', [
      { path: 'params', message: 'Only built-in rules have parameters' },
    ]);
  }
  const stored = JSON.parse(current.definition) as StoredDefinition;
  const next = {
    trigger: input.trigger ?? stored.trigger,
    conditions: input.conditions ?? stored.conditions,
    actions: input.actions ?? stored.actions,
  };
  const enabled = input.enabled ?? current.enabled === 1;
  // a changed definition, or switching a rule on, is checked; disabling or renaming a rule that
  // could no longer run (its template deleted meanwhile) must stay possible
  const definitionChanged = input.trigger || input.conditions || input.actions;
  if (!builtin && next.trigger && (definitionChanged || (enabled && current.enabled !== 1))) {
    await validateRule(
      deps.db,
      next as { trigger: Trigger; conditions: Conditions; actions: Action[] },
      deps.config.timezone,
    );
  }
  return deps.db.transaction().execute(async (trx) => {
    const before = await ruleOf(trx, deps, current);
    if (current.version !== input.version) throw staleVersion('automation_rule', id);
    const now = deps.clock.now().toISOString();
    if (builtin) {
      if (input.params !== undefined) await builtin.writeParams(trx, actor, deps.clock, input.params);
      if (input.enabled !== undefined && builtin.enabled) {
        await builtin.enabled.write(trx, actor, deps.clock, input.enabled);
      }
    }
    const patch: Partial<RuleRow> = {
      name: input.name ?? current.name,
      description: input.description !== undefined ? input.description : current.description,
      enabled: enabled ? 1 : 0,
      definition: JSON.stringify(next),
      params: builtin && input.params !== undefined ? JSON.stringify(input.params) : current.params,
      version: current.version + 1,
      updated_by: actor.userId,
      updated_at: now,
      ...(next.trigger ? triggerColumns(next.trigger, enabled, deps) : {}),
    };
    if (!(await updateRuleRow(trx, id, input.version, patch))) throw staleVersion('automation_rule', id);
    const row = { ...current, ...patch } as RuleRow;
    await writeVersion(trx, row, actor, now);
    const after = await ruleOf(trx, deps, row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'automation_rule',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
      label: after.name,
    });
    return after;
  });
}

/** Soft delete; built-in rules are disabled instead. Runs already started go on. */
export async function deleteRule(deps: RulesDeps, actor: Actor, id: string): Promise<void> {
  const current = await getRuleRow(deps.db, id);
  if (current.builtin_key) {
    throw new AppError(
      'unprocessable',
      'automation.builtin_delete',
      'A built-in rule cannot be deleted; disable it instead',
    );
  }
  await deps.db.transaction().execute(async (trx) => {
    const before = await ruleOf(trx, deps, current);
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable('automation_rules')
      .set({ deleted_at: now, enabled: 0, updated_at: now, updated_by: actor.userId })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'automation_rule',
      entityId: id,
      before: snapshot(before),
      after: null,
      label: before.name,
    });
  });
}

export async function listRuleVersions(deps: RulesDeps, id: string) {
  await getRuleRow(deps.db, id);
  const rows = await listRuleVersionRows(deps.db, id);
  return {
    items: rows.map((r) => {
      const def = JSON.parse(r.definition) as StoredDefinition;
      return {
        version: r.version,
        name: r.name,
        enabled: r.enabled === 1,
        trigger: def.trigger,
        conditions: def.conditions,
        actions: def.actions,
        changedBy: r.changed_by,
        changedAt: r.changed_at,
      };
    }),
  };
}

import type { Logger } from 'pino';
import type { Assignee } from '../../../../../contracts/automation';
import { systemActor } from '../../../platform/actor';
import type { Clock } from '../../../platform/clock';
import type { Config } from '../../../platform/config';
import type { DbOrTx, Dialect, Tx } from '../../../platform/db/database';
import { type ActionContext, recordTypeOf } from '../registry';
import type { Scope } from './conditions';
import { fieldsForTrigger } from './fields';
import type { EngineRule } from './rule-definition';
import { renderTemplate } from './templates';

/**
 * The lookups shared by the actions of one pass over a batch of runs, in one transaction: the
 * engine makes one per pass and clears it whenever work is rolled back, so a value is never served
 * to another transaction or after a rollback. A failed lookup is not kept.
 */
export class LookupMemo {
  private readonly values = new Map<string, Promise<unknown>>();

  /** ActionContext.lookup of the actions sharing this memo. */
  readonly lookup = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let value = this.values.get(key) as Promise<T> | undefined;
    if (!value) {
      const loading = load();
      value = loading;
      this.values.set(key, loading);
      loading.catch(() => {
        if (this.values.get(key) === loading) this.values.delete(key);
      });
    }
    return value;
  };

  clear(): void {
    this.values.clear();
  }
}

/** What the engine runs with: the business clock, the config, a logger, the database's dialect. */
export interface EngineEnv {
  clock: Clock;
  config: Config;
  log: Logger;
  dialect: Dialect;
}

/** The owner's user id of a root record (its type's `ownerField`), or null. */
function ownerOf(root: { type: string } | null, scope: Scope): string | null {
  if (!root) return null;
  const def = recordTypeOf(root.type);
  const values = scope[root.type];
  const owner = def?.ownerField && values ? values[def.ownerField] : null;
  return typeof owner === 'string' && owner ? owner : null;
}

/** Resolves `owner`, `owner_manager`, `user`, `team` to ids (null: nobody found). */
export async function resolveAssignee(
  db: DbOrTx,
  root: { type: string } | null,
  scope: Scope,
  assignee: Assignee,
): Promise<{ userId: string | null; teamId: string | null }> {
  switch (assignee.kind) {
    case 'user':
      return { userId: assignee.userId, teamId: null };
    case 'team':
      return { userId: null, teamId: assignee.teamId };
    case 'owner':
      return { userId: ownerOf(root, scope), teamId: null };
    case 'owner_manager': {
      const owner = ownerOf(root, scope);
      const users = recordTypeOf('user');
      if (!owner || !users) return { userId: null, teamId: null };
      const manager = (await users.load(db, [owner])).get(owner)?.managerId;
      return { userId: typeof manager === 'string' && manager ? manager : null, teamId: null };
    }
  }
}

export interface RunInfo {
  id: string;
  reason: string;
  triggerKey: string;
  eventId: string | null;
  origin: string | null;
  recordType: string | null;
  recordId: string | null;
}

/** The context an action runs (or is described) with; `memo`: the lookups of its batch's pass. */
export function actionContext(
  trx: DbOrTx,
  env: EngineEnv,
  rule: EngineRule,
  run: RunInfo,
  scope: Scope,
  action: { id: string; index: number },
  memo?: LookupMemo,
): ActionContext {
  const root = run.recordType && run.recordId ? { type: run.recordType, id: run.recordId } : null;
  const types = fieldsForTrigger(rule.trigger);
  return {
    trx: trx as Tx,
    clock: env.clock,
    config: env.config,
    log: env.log,
    actor: systemActor(run.origin ?? `rule:${rule.id}@${rule.version}`),
    rule: { id: rule.id, name: rule.name, version: rule.version },
    run: { id: run.id, reason: run.reason, triggerKey: run.triggerKey, eventId: run.eventId },
    actionRunId: action.id,
    actionIndex: action.index,
    root,
    scope,
    // methods, not arrow functions: a context is made per action, thousands per relay batch, and
    // tsx names every arrow function in an object literal with an Object.defineProperty call
    resolveAssignee(assignee) {
      return resolveAssignee(trx, root, scope, assignee);
    },
    render(template, locale) {
      return renderTemplate(template, scope, locale, types);
    },
    explanation: `Regel „${rule.name}“ (v${rule.version}): ${run.reason}`,
    lookup: memo?.lookup,
  };
}

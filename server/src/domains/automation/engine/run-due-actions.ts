import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database';
import type { JobDefinition } from '../../../platform/jobs/registry';
import type { EngineEnv } from './action-context';
import type { Scope } from './conditions';
import { continueRun } from './execute-actions';
import { ruleAtVersion } from './rule-definition';

export const ACTIONS_JOB = 'automation.actions';

interface Env extends EngineEnv {
  db: Db;
}

/** Runs with a pending action that is due (and all actions before it finished), oldest first. */
async function dueRunIds(env: Env, limit: number): Promise<string[]> {
  const now = env.clock.now().toISOString();
  const rows = await env.db
    .selectFrom('automation_action_runs as a')
    .select('a.run_id')
    .where('a.status', '=', 'pending')
    .where('a.due_at', '<=', now)
    .where((eb) => eb.or([eb('a.next_attempt_at', 'is', null), eb('a.next_attempt_at', '<=', now)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('automation_action_runs as b')
            .select(sql`1`.as('one'))
            .whereRef('b.run_id', '=', 'a.run_id')
            .whereRef('b.action_index', '<', 'a.action_index')
            .where('b.status', 'not in', ['done', 'discarded', 'skipped']),
        ),
      ),
    )
    .orderBy('a.due_at')
    .limit(limit)
    .execute();
  return [...new Set(rows.map((r) => r.run_id))];
}

/**
 * Carries on one run in its own transaction. On PostgreSQL the run row is claimed with
 * `FOR UPDATE SKIP LOCKED`: two workers never run one run's actions at once, and an action's effects
 * commit with its `done` mark (exactly once). On SQLite transactions are serial anyway; the state is
 * read again inside the transaction. Returns whether the run was carried on.
 */
export async function carryOnRun(env: Env, runId: string): Promise<boolean> {
  return env.db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('automation_runs')
      .selectAll()
      .where('id', '=', runId)
      .where('status', 'in', ['running', 'waiting']);
    if (env.dialect === 'postgres') q = q.forUpdate().skipLocked();
    const row = await q.executeTakeFirst();
    if (!row) return false;
    const rule = await ruleAtVersion(trx, row.rule_id, row.rule_version);
    if (!rule) return false;
    const actions = await trx
      .selectFrom('automation_action_runs')
      .selectAll()
      .where('run_id', '=', runId)
      .orderBy('action_index')
      .execute();
    const scope = (row.context ? JSON.parse(row.context) : {}) as Scope;
    await continueRun(trx, env, { row, actions, rule, scope });
    return true;
  });
}

/** Carries on the runs whose next action is due (waits over, retries due). Returns how many. */
export async function runDueActions(env: Env, limit = 200): Promise<number> {
  let count = 0;
  for (const runId of await dueRunIds(env, limit)) {
    if (await carryOnRun(env, runId)) count++;
  }
  return count;
}

/** Every minute: actions after a wait, retries; also for runs of other processes. */
export function actionsJob(): JobDefinition {
  return {
    name: ACTIONS_JOB,
    description: 'Runs the automation actions that are due (after a wait, retries after a failure)',
    cron: '* * * * *',
    async run(ctx) {
      let total = 0;
      for (let round = 0; round < 50; round++) {
        const n = await runDueActions(ctx);
        total += n;
        if (n === 0) break;
      }
      return { summary: `${total} rule runs carried on`, idle: total === 0 };
    },
  };
}

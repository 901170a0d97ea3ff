import { createRule } from '../../server/src/domains/automation/rules.service';
import type { Actor } from '../../server/src/platform/actor';
import type { AppContext } from '../../server/src/platform/context';
import type { BenchRule } from '../generators/automation-rules';

/**
 * Makes the bench's rules through the automation domain's rules service (what POST /api/rules
 * calls: the schema, the check that the rule can run, a version and an audit entry each); returns
 * their ids in rule order.
 */
export async function createBenchRules(
  ctx: AppContext,
  actor: Actor,
  rules: readonly BenchRule[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const rule of rules) ids.push((await createRule(ctx, actor, rule.input)).id);
  return ids;
}

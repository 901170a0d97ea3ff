import type { Action, Conditions, Trigger } from '../../../../../contracts/automation';
import type { DbOrTx } from '../../../platform/db/database';

/** A rule as the engine runs it: its name and version and the parsed definition. */
export interface EngineRule {
  id: string;
  name: string;
  version: number;
  trigger: Trigger;
  conditions: Conditions;
  actions: Action[];
}

interface Definition {
  trigger: Trigger;
  conditions: Conditions;
  actions: Action[];
}

/** Parsed definitions by `id@version` (a version never changes): 100k events parse each rule once. */
const parsed = new Map<string, Definition>();

export function engineRule(row: {
  id: string;
  name: string;
  version: number;
  definition: string;
}): EngineRule {
  const key = `${row.id}@${row.version}`;
  let def = parsed.get(key);
  if (!def) {
    def = JSON.parse(row.definition) as Definition;
    if (parsed.size > 5000) parsed.clear();
    parsed.set(key, def);
  }
  return { id: row.id, name: row.name, version: row.version, ...def };
}

/** The rules an event type triggers: enabled, not deleted (one indexed query per batch). */
export async function rulesForEvent(db: DbOrTx, eventType: string): Promise<EngineRule[]> {
  const rows = await db
    .selectFrom('automation_rules')
    .select(['id', 'name', 'version', 'definition'])
    .where('trigger_event', '=', eventType)
    .where('enabled', '=', 1)
    .where('trigger_kind', '=', 'event')
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(engineRule);
}

/** The rule at the version a run started with (the run keeps acting by that version). */
export async function ruleAtVersion(db: DbOrTx, id: string, version: number): Promise<EngineRule | null> {
  const row = await db
    .selectFrom('automation_rule_versions')
    .select(['rule_id as id', 'name', 'version', 'definition'])
    .where('rule_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? engineRule(row) : null;
}

/** The rule ids of an origin chain `rule:B@1<rule:A@3<…` (other origins, `job:…`, end it). */
export function ruleChain(origin: string | null): string[] {
  if (!origin?.startsWith('rule:')) return [];
  const ids: string[] = [];
  for (const part of origin.split('<')) {
    const m = /^rule:([^@]+)@\d+$/.exec(part);
    if (!m) break;
    ids.push(m[1] as string);
  }
  return ids;
}

/** The origin a run's actions act under: this rule, chained with the rules that caused the event. */
export function runOrigin(rule: { id: string; version: number }, eventOrigin: string | null): string {
  const own = `rule:${rule.id}@${rule.version}`;
  return eventOrigin?.startsWith('rule:') ? `${own}<${eventOrigin}` : own;
}

/** A chain of this many rules is cut (a loop through several rules). */
export const MAX_CHAIN = 5;

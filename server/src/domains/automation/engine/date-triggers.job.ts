import { businessDate } from '../../../platform/clock';
import type { DbOrTx } from '../../../platform/db/database';
import type { JobContext, JobDefinition } from '../../../platform/jobs/registry';
import { recordTypeOf } from '../registry';
import { evaluateConditions } from './conditions';
import { type PlannedRun, startPlannedRuns } from './create-runs';
import { dateReason } from './reason';
import { type EngineRule, engineRule } from './rule-definition';
import { labelOf, loadScopes } from './scope';

export const DATE_TRIGGERS_JOB = 'automation.date-triggers';
const PAGE = 500;

/** `HH:MM` of an instant in the time zone. */
export function localTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** A business date plus `days` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The date a date rule looks for today: "3 days before" (offset −3) → records whose date is in 3 days. */
export function targetDate(today: string, offsetDays: number): string {
  return addDays(today, -offsetDays);
}

/** Ids of the records a date rule is due for on `date` (every page). */
export async function recordsDueOn(
  db: DbOrTx,
  rule: EngineRule,
  date: string,
  max = Infinity,
): Promise<string[]> {
  if (rule.trigger.kind !== 'date') return [];
  const def = recordTypeOf(rule.trigger.recordType);
  if (!def?.findByDate) return [];
  const ids: string[] = [];
  let after: string | null = null;
  while (ids.length < max) {
    const page = await def.findByDate(db, rule.trigger.field, date, after, PAGE);
    ids.push(...page);
    if (page.length < PAGE) break;
    after = page[page.length - 1] ?? null;
  }
  return ids.slice(0, max);
}

/**
 * For each enabled date rule whose time of day has passed today (company time zone): the records
 * whose date field is today − offsetDays get one run each (`date:<recordId>:<date>`: once per
 * record and date, however often the job runs), if the conditions hold. A page of records per
 * transaction.
 */
export async function runDateTriggers(ctx: JobContext): Promise<number> {
  const now = ctx.clock.now();
  const today = businessDate(now, ctx.config.timezone);
  const time = localTime(now, ctx.config.timezone);
  const rows = await ctx.db
    .selectFrom('automation_rules')
    .select(['id', 'name', 'version', 'definition'])
    .where('trigger_kind', '=', 'date')
    .where('enabled', '=', 1)
    .where('deleted_at', 'is', null)
    .execute();
  let runs = 0;
  for (const row of rows) {
    const rule = engineRule(row);
    const trigger = rule.trigger;
    if (trigger.kind !== 'date' || (trigger.time ?? '08:00') > time) continue;
    const date = targetDate(today, trigger.offsetDays);
    const ids = await recordsDueOn(ctx.db, rule, date);
    for (let i = 0; i < ids.length; i += PAGE) {
      const pageIds = ids.slice(i, i + PAGE);
      await ctx.db.transaction().execute(async (trx) => {
        const scopes = await loadScopes(trx, trigger.recordType, pageIds);
        const planned: PlannedRun[] = [];
        for (const id of pageIds) {
          const scope = scopes.get(id);
          if (!scope) continue;
          const { passed, evaluated } = evaluateConditions(rule.conditions, scope);
          if (!passed) continue;
          const label = labelOf(trigger.recordType, scope) ?? id;
          planned.push({
            rule,
            triggerKey: `date:${id}:${date}`,
            eventId: null,
            eventType: null,
            recordType: trigger.recordType,
            recordId: id,
            recordLabel: label,
            evaluated,
            reason: dateReason(trigger.recordType, label, trigger.field, trigger.offsetDays, date),
            origin: `rule:${rule.id}@${rule.version}`,
            scope,
          });
        }
        runs += (await startPlannedRuns(trx, ctx, now, planned)).length;
      });
    }
  }
  return runs;
}

export function dateTriggersJob(): JobDefinition {
  return {
    name: DATE_TRIGGERS_JOB,
    description: 'Starts the runs of date rules (e.g. 3 days before a deal’s expected close date)',
    cron: '*/15 * * * *',
    async run(ctx) {
      const n = await runDateTriggers(ctx);
      return { summary: `${n} date rule runs`, idle: n === 0 };
    },
  };
}

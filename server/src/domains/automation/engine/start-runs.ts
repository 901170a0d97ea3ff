import type { DomainEvent } from '../../../../../contracts/events';
import type { AppContext } from '../../../platform/context';
import type { HandlerContext } from '../../../platform/events/registry';
import { EVENT_RECORDS } from '../event-records';
import { conditionsHold, evaluateConditions, type Scope } from './conditions';
import { type PlannedRun, startPlannedRuns } from './create-runs';
import { scopeNeeds } from './needed-relations';
import { eventsThatMayStartRuns } from './prefilter';
import { eventReason } from './reason';
import { MAX_CHAIN, ruleChain, rulesForEvent, runOrigin } from './rule-definition';
import { labelOf, loadScopes } from './scope';

/**
 * Starts the runs of the enabled rules a batch of events (of one type) triggers, inside the
 * delivery's transaction, and carries out the actions due at once. Set-based: one query for the
 * rules, one `load` per record type for the whole batch, multi-row inserts of the runs.
 * Per event and rule: the loop check (the rule in the event's origin chain, or a chain of 5 rules:
 * a `stopped` run, nothing done), the `fields` filter, the conditions; runs whose conditions do not
 * hold are not stored.
 */
export async function startRuns(ctx: AppContext, h: HandlerContext, events: DomainEvent[]): Promise<void> {
  const first = events[0];
  if (!first) return;
  const rules = await rulesForEvent(h.trx, first.type);
  if (rules.length === 0) return;
  const rootInfo = EVENT_RECORDS[first.type];
  const rootType = rootInfo?.recordType ?? null;
  const idOf = (e: DomainEvent): string | null => {
    const id = rootInfo ? (e.payload as Record<string, unknown>)[rootInfo.idField] : null;
    return typeof id === 'string' ? id : null;
  };
  // the events no rule can take are dropped in SQL, before their records are loaded
  const candidates = rootType
    ? await eventsThatMayStartRuns(h.trx, ctx.dialect, rootType, rules, events, idOf)
    : events;
  const scopes =
    rootType && rootInfo
      ? await loadScopes(
          h.trx,
          rootType,
          candidates.map(idOf).filter((id): id is string => id !== null),
          scopeNeeds(rules, first.type) ?? undefined,
        )
      : new Map<string, Scope>();
  const planned: PlannedRun[] = [];
  for (const event of candidates) {
    const payload = event.payload as Record<string, unknown>;
    const recordId = idOf(event);
    const base = recordId ? scopes.get(recordId) : undefined;
    // a record of the event that is gone by now (deleted, merged): nothing to act on
    if (rootType && !base) continue;
    const scope: Scope = { ...base, event: payload };
    const label = labelOf(rootType, scope);
    const chain = ruleChain(event.origin);
    for (const rule of rules) {
      const common = {
        rule,
        triggerKey: `event:${event.id}`,
        eventId: event.id,
        eventType: event.type,
        recordType: rootType,
        recordId,
        recordLabel: label,
        scope,
        origin: runOrigin(rule, event.origin),
      };
      if (rule.trigger.kind === 'event' && rule.trigger.fields?.length) {
        const changed = Array.isArray(payload.changed) ? (payload.changed as string[]) : [];
        const fields = rule.trigger.fields;
        if (!changed.some((f) => fields.includes(f))) continue;
      }
      if (!conditionsHold(rule.conditions, scope)) continue;
      // the loop check only for a run that would start: a rule whose own change does not pass its
      // field filter or conditions is no loop
      if (chain.includes(rule.id) || chain.length >= MAX_CHAIN) {
        planned.push({
          ...common,
          evaluated: evaluateConditions(rule.conditions, scope).evaluated,
          reason: eventReason(event.type, rootType, label, scope),
          stopped: chain.includes(rule.id)
            ? `Regel „${rule.name}“ hat sich selbst ausgelöst (Kette: ${event.origin}) und wurde angehalten, damit keine Endlosschleife entsteht`
            : `Regel „${rule.name}“ wurde angehalten: ${chain.length} Regeln haben sich nacheinander ausgelöst (Kette: ${event.origin})`,
        });
        continue;
      }
      const { evaluated } = evaluateConditions(rule.conditions, scope);
      planned.push({ ...common, evaluated, reason: eventReason(event.type, rootType, label, scope) });
    }
  }
  const env = { clock: h.clock, config: h.config, log: ctx.log, dialect: ctx.dialect };
  await startPlannedRuns(h.trx, env, h.clock.now(), planned);
}

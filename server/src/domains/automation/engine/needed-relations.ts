import { flatConditions } from './conditions';
import type { EngineRule } from './rule-definition';
import { templateVariables } from './templates';

/**
 * Actions known to read no related record of the scope but through the `{{…}}` texts in the action
 * itself: they act on the root record (its id, owner). Any other action needs every related record:
 * call_webhook sends the whole scope, send_email renders a stored template (its variables are not in
 * the rule), create_po_suggestion looks for a warehouse in it, ….
 */
const ROOT_ONLY_ACTIONS = new Set([
  'create_task',
  'notify',
  'update_field',
  'wait',
  'create_invoice_from_deal',
]);

/** What a batch's rules read of the scope: related records by name, and per record name its fields. */
export interface ScopeNeeds {
  /** Related records by path name (`company`, `owner`, `stage`). */
  relations: Set<string>;
  /** Fields by record name (`company` → `segmentName`, `industry`), the root's too. */
  fields: Map<string, Set<string>>;
}

/**
 * What a batch's rules read — in conditions, in their actions' templates — or null when everything
 * must be loaded. Rules about deals that look at the amount and the company's segment then cost two
 * loads per batch, not seven, and no search for the company's first mailable contact.
 */
export function scopeNeeds(rules: readonly EngineRule[], eventType: string): ScopeNeeds | null {
  const needs: ScopeNeeds = { relations: new Set(), fields: new Map() };
  const add = (path: string) => {
    const dot = path.indexOf('.');
    const name = path.slice(0, dot);
    needs.relations.add(name);
    let set = needs.fields.get(name);
    if (!set) {
      set = new Set();
      needs.fields.set(name, set);
    }
    set.add(path.slice(dot + 1));
  };
  // the reason of a stage change names the stage it entered (eventReason)
  if (eventType === 'deal.stage_changed') add('stage.name');
  for (const rule of rules) {
    if (rule.actions.some((a) => !ROOT_ONLY_ACTIONS.has(a.kind))) return null;
    for (const { c } of flatConditions(rule.conditions)) add(c.field);
    for (const v of templateVariables(JSON.stringify(rule.actions))) add(v);
  }
  return needs;
}

import type { AutomationCatalog } from '../../../../contracts/automation';
import { EVENT_TYPES } from '../../../../contracts/events';
import { eventFields, recordFields } from './engine/fields';
import { EVENT_RECORDS, EVENTS_WITH_CHANGED_FIELDS } from './event-records';
import { allActions, allRecordTypes } from './registry';

/**
 * What the rule editor offers, from the registry: triggers (every event, with its root record),
 * fields per root record type (its own, its related records' under their names; `event:<type>`
 * holds each event's payload keys as `event.*`), the actions that fit each root type (`none`:
 * schedules), template variables and date fields.
 */
export function automationCatalog(): AutomationCatalog {
  const roots = [
    ...new Set([
      ...Object.values(EVENT_RECORDS).map((r) => r.recordType as string),
      ...allRecordTypes()
        .filter((d) => d.findByDate)
        .map((d) => d.type),
    ]),
  ].filter((t) => allRecordTypes().some((d) => d.type === t));
  const fields: AutomationCatalog['fields'] = {};
  const variables: AutomationCatalog['variables'] = {};
  const actions: AutomationCatalog['actions'] = {};
  const dateFields: AutomationCatalog['dateFields'] = {};
  const fits = (root: string | null) =>
    allActions()
      .filter((a) => a.recordTypes === 'any' || (root !== null && a.recordTypes.includes(root)))
      .map((a) => a.kind as string);
  for (const root of roots) {
    const list = recordFields(root);
    fields[root] = list.map((f) => ({
      path: f.path,
      type: f.type,
      ...(f.options ? { options: f.options } : {}),
      updatable: f.updatable,
    }));
    variables[root] = list.map((f) => `{{${f.path}}}`);
    actions[root] = fits(root);
  }
  actions.none = fits(null);
  for (const type of EVENT_TYPES) {
    fields[`event:${type}`] = eventFields(type).map((f) => ({
      path: f.path,
      type: f.type,
      ...(f.options ? { options: f.options } : {}),
      updatable: false,
    }));
  }
  for (const def of allRecordTypes()) {
    if (!def.findByDate) continue;
    dateFields[def.type] = def.fields.filter((f) => f.type === 'date').map((f) => f.name);
  }
  return {
    triggers: EVENT_TYPES.map((event) => ({
      event,
      recordType: EVENT_RECORDS[event]?.recordType ?? null,
      hasChangedFields: EVENTS_WITH_CHANGED_FIELDS.includes(event),
    })),
    fields,
    actions,
    variables,
    dateFields,
  };
}

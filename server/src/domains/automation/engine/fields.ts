import type { FieldType } from '../../../../../contracts/automation';
import { EventPayloads, type EventType } from '../../../../../contracts/events';
import { EVENT_RECORDS } from '../event-records';
import { allRecordTypes, type RecordFieldDef, recordTypeOf } from '../registry';

/**
 * The paths a rule may use (conditions, template variables, update_field): `<rootType>.<field>`,
 * `<relatedName>.<field>` for the root's related records and `event.<payloadKey>` for event triggers.
 */
export interface FieldPath {
  path: string;
  type: FieldType;
  options?: string[];
  /** Only fields of the root record itself can be updated. */
  updatable: boolean;
}

/** The root record type of a trigger: the event's record, a date trigger's type, none for schedules. */
export function rootTypeOf(
  trigger: { kind: 'event'; event: string } | { kind: 'schedule' } | { kind: 'date'; recordType: string },
): string | null {
  if (trigger.kind === 'event') return EVENT_RECORDS[trigger.event as EventType]?.recordType ?? null;
  if (trigger.kind === 'date') return trigger.recordType;
  return null;
}

/** zod 4 keeps the kind of a schema in `_zod.def.type`; optional/nullable wrap the inner one. */
function zodKind(schema: unknown): { kind: string; options?: string[] } {
  let s = schema as { _zod?: { def?: { type?: string; innerType?: unknown; entries?: object } } };
  for (let i = 0; i < 5; i++) {
    const def = s?._zod?.def;
    if (!def) return { kind: 'unknown' };
    if ((def.type === 'nullable' || def.type === 'optional' || def.type === 'default') && def.innerType) {
      s = def.innerType as typeof s;
      continue;
    }
    if (def.type === 'enum' && def.entries) return { kind: 'enum', options: Object.keys(def.entries) };
    return { kind: def.type ?? 'unknown' };
  }
  return { kind: 'unknown' };
}

/** The payload keys of an event as `event.*` fields (money by the `Cents` suffix, ids as strings). */
export function eventFields(event: string): FieldPath[] {
  const schema = EventPayloads[event as EventType] as unknown as { shape?: Record<string, unknown> };
  if (!schema?.shape) return [];
  const out: FieldPath[] = [];
  for (const [key, value] of Object.entries(schema.shape)) {
    const z = zodKind(value);
    let type: FieldType = 'string';
    if (z.kind === 'number') type = key.endsWith('Cents') ? 'money' : 'number';
    else if (z.kind === 'boolean') type = 'boolean';
    else if (z.kind === 'enum') type = 'enum';
    else if (z.kind === 'object') continue;
    out.push({ path: `event.${key}`, type, ...(z.options ? { options: z.options } : {}), updatable: false });
  }
  return out;
}

const toPath = (prefix: string, f: RecordFieldDef, updatable: boolean): FieldPath => ({
  path: `${prefix}.${f.name}`,
  type: f.type,
  ...(f.options ? { options: f.options } : {}),
  updatable,
});

/** The fields of a root record type and of its related records, with their path prefixes. */
export function recordFields(rootType: string): FieldPath[] {
  const def = recordTypeOf(rootType);
  if (!def) return [];
  const out = def.fields.map((f) => toPath(rootType, f, f.updatable === true && def.update !== undefined));
  for (const rel of def.related ?? []) {
    const relDef = recordTypeOf(rel.type);
    if (!relDef || rel.name === rootType) continue;
    for (const f of relDef.fields) out.push(toPath(rel.name, f, false));
  }
  return out;
}

/** Every path a rule with this trigger may use, by path. */
export function fieldsForTrigger(
  trigger: { kind: 'event'; event: string } | { kind: 'schedule' } | { kind: 'date'; recordType: string },
): Map<string, FieldPath> {
  const key =
    trigger.kind === 'event'
      ? `event|${trigger.event}`
      : trigger.kind === 'date'
        ? `date|${trigger.recordType}`
        : 'schedule';
  // record types register at module load; a trigger's paths are asked for by every action run
  const known = byTrigger.get(key);
  if (known && known.registered === allRecordTypes().length) return known.fields;
  const root = rootTypeOf(trigger);
  const fields = root ? recordFields(root) : [];
  if (trigger.kind === 'event') fields.push(...eventFields(trigger.event));
  const map = new Map(fields.map((f) => [f.path, f]));
  byTrigger.set(key, { registered: allRecordTypes().length, fields: map });
  return map;
}

const byTrigger = new Map<string, { registered: number; fields: Map<string, FieldPath> }>();

import type { DbOrTx } from '../../../platform/db/database';
import { type RecordValues, recordTypeOf } from '../registry';
import type { Scope } from './conditions';
import type { ScopeNeeds } from './needed-relations';

/**
 * Loads the scopes of many root records set-based: one `load` for the roots and one per related
 * record type (not per record), so a batch of a thousand events costs a handful of queries.
 * Returns per root id: `{ <rootType>: root, <relatedName>: related | null }`; unknown ids are absent.
 */
export async function loadScopes(
  db: DbOrTx,
  rootType: string,
  ids: string[],
  /** What the caller reads (only those related records, hints for the loads); everything when absent. */
  needs?: ScopeNeeds,
): Promise<Map<string, Scope>> {
  const def = recordTypeOf(rootType);
  const out = new Map<string, Scope>();
  if (!def || ids.length === 0) return out;
  const hint = (name: string) =>
    needs ? { fields: needs.fields.get(name) ?? new Set<string>() } : undefined;
  const related = (def.related ?? []).filter((rel) => !needs || needs.relations.has(rel.name));
  // the root's fields read, and what actions and the related loads read of it: its owner and team
  // (task and notification recipients), the ids of the related records needed
  const rootHint = hint(rootType);
  if (rootHint) {
    const fields = new Set(rootHint.fields);
    for (const f of [def.ownerField, def.teamField, ...related.map((rel) => rel.via)]) if (f) fields.add(f);
    rootHint.fields = fields;
  }
  const roots = await def.load(db, [...new Set(ids)], rootHint);
  const idsByType = new Map<string, Set<string>>();
  for (const rel of related) {
    if (!recordTypeOf(rel.type)) continue;
    let set = idsByType.get(rel.type);
    if (!set) {
      set = new Set();
      idsByType.set(rel.type, set);
    }
    for (const root of roots.values()) {
      const id = root[rel.via];
      if (typeof id === 'string' && id) set.add(id);
    }
  }
  const loaded = new Map<string, Map<string, RecordValues>>();
  for (const [type, set] of idsByType) {
    if (set.size === 0) continue;
    // the fields read under every name this type is related by (a deal's `company` only, mostly)
    let typeHint: { fields: Set<string> } | undefined;
    if (needs) {
      const fields = new Set<string>();
      for (const rel of related)
        if (rel.type === type) for (const f of hint(rel.name)?.fields ?? []) fields.add(f);
      typeHint = { fields };
    }
    loaded.set(type, await (recordTypeOf(type)?.load(db, [...set], typeHint) ?? Promise.resolve(new Map())));
  }
  for (const [id, root] of roots) {
    const scope: Scope = { [rootType]: root };
    for (const rel of related) {
      if (rel.name === rootType) continue;
      const relId = root[rel.via];
      scope[rel.name] = typeof relId === 'string' ? (loaded.get(rel.type)?.get(relId) ?? null) : null;
    }
    out.set(id, scope);
  }
  return out;
}

/** The label of a root record ("Müller GmbH"), or null. */
export function labelOf(rootType: string | null, scope: Scope): string | null {
  if (!rootType) return null;
  const values = scope[rootType];
  const def = recordTypeOf(rootType);
  return values && def ? def.label(values) : null;
}

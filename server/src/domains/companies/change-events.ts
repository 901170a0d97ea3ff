import type { Actor } from '../../platform/actor';

/**
 * What `company.updated` / `contact.updated` list as `changed`: the camelCase fields whose values
 * differ between the audit snapshots before and after (the snapshots hold what people edit, no
 * derived or display fields), without the bookkeeping fields every edit touches.
 */
const BOOKKEEPING = new Set(['updatedAt', 'version']);

export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(
    (k) => !BOOKKEEPING.has(k) && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
  );
}

/** An import (origin `import:<id>`) raises one `import.completed` instead of an event per row. */
export const isImport = (actor: Actor) => actor.origin?.startsWith('import:') === true;

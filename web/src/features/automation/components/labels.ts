import type { TFunction } from 'i18next';
import type { AutomationCatalog } from '../../../../../contracts/automation';
import type { ActionResult } from '../../../../../contracts/automation-runs';
import { fieldGroup, fieldName } from './rule-values';

/** "Deal gewonnen": an event's name in the user's language (else its key). */
export const eventLabel = (t: TFunction, event: string) => t(`events.${event}`, { defaultValue: event });

/** "Firma" for `company` (the related record a path starts with). */
export const recordLabel = (t: TFunction, type: string) => t(`records.${type}`, { defaultValue: type });

/** "Firma · Name" for `company.name` from a deal; "Betrag" for `deal.amountCents` from a deal. */
export function fieldLabel(t: TFunction, path: string, root: string | null): string {
  const name = t(`fieldNames.${fieldName(path)}`, { defaultValue: fieldName(path) });
  const group = fieldGroup(path, root);
  return group === root ? name : `${recordLabel(t, group)} · ${name}`;
}

/** The catalog's fields of a root record type as grouped select data (the root's own first). */
export function fieldOptions(
  t: TFunction,
  catalog: AutomationCatalog | undefined,
  root: string | null,
  filter: (f: AutomationCatalog['fields'][string][number]) => boolean = () => true,
) {
  const fields = (root && catalog?.fields[root]) || [];
  const groups = new Map<string, { value: string; label: string }[]>();
  for (const f of fields.filter(filter)) {
    const group = fieldGroup(f.path, root);
    const items = groups.get(group) ?? [];
    items.push({
      value: f.path,
      label: t(`fieldNames.${fieldName(f.path)}`, { defaultValue: fieldName(f.path) }),
    });
    groups.set(group, items);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === root ? -1 : b === root ? 1 : a.localeCompare(b)))
    .map(([group, items]) => ({ group: recordLabel(t, group), items }));
}

/** Where a record an action made is shown. */
export function resultPath(result: Pick<ActionResult, 'entityType' | 'entityId'>): string | null {
  const id = encodeURIComponent(result.entityId);
  switch (result.entityType) {
    case 'task':
      return `/tasks/${id}`;
    case 'invoice':
      return `/invoices/${id}`;
    case 'deal':
      return `/deals/${id}`;
    case 'company':
      return `/companies/${id}`;
    case 'contact':
      return `/contacts/${id}`;
    case 'product':
      return `/products/${id}`;
    case 'purchase_order':
      return `/purchase-orders/${id}`;
    case 'mail':
      return '/admin/mail';
    default:
      return null;
  }
}

/** A value as people read it in run histories and dry runs. */
export function shownValue(t: TFunction, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('automation:values.empty');
  if (typeof value === 'boolean') return value ? t('automation:values.yes') : t('automation:values.no');
  if (Array.isArray(value)) return value.map((v) => shownValue(t, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

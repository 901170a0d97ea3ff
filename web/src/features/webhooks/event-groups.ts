import { EVENT_TYPES } from '../../../../contracts/events';

/** The event types grouped by what they are about (`deal.won` → `deal`), in catalogue order. */
export function eventGroups(): Array<{ group: string; events: string[] }> {
  const groups = new Map<string, string[]>();
  for (const type of EVENT_TYPES) {
    const group = type.split('.')[0] ?? type;
    const list = groups.get(group) ?? [];
    list.push(type);
    groups.set(group, list);
  }
  return [...groups].map(([group, events]) => ({ group, events }));
}

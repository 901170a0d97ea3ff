import type { Scope } from './conditions';
import { formatDate, formatMoney } from './templates';

/**
 * Why a run happened, in words (stored with the run, shown as "created by rule X because …").
 * Stored texts of the server are German, like the origin labels of tasks ("Rechnung RE-…: …").
 */
const RECORD_NOUNS: Record<string, string> = {
  deal: 'Deal',
  company: 'Firma',
  contact: 'Kontakt',
  invoice: 'Rechnung',
  task: 'Aufgabe',
  product: 'Produkt',
  purchase_order: 'Bestellung',
};

const VERBS: Record<string, string> = {
  created: 'angelegt wurde',
  updated: 'geändert wurde',
  won: 'gewonnen wurde',
  lost: 'verloren wurde',
  reopened: 'wieder geöffnet wurde',
  assigned: 'zugewiesen wurde',
  completed: 'erledigt wurde',
  overdue: 'überfällig ist',
  issued: 'gestellt wurde',
  paid: 'bezahlt wurde',
  dunned: 'gemahnt wurde',
  cancelled: 'storniert wurde',
  approved: 'freigegeben wurde',
  sent: 'versendet wurde',
  received: 'eingegangen ist',
  below_minimum: 'unter den Meldebestand fiel',
};

export const nounOf = (recordType: string | null) =>
  recordType ? (RECORD_NOUNS[recordType] ?? recordType) : null;

/** "weil Deal „Müller“ in die Phase „Verhandlung“ kam (Betrag 12.000,00 €)". */
export function eventReason(
  eventType: string,
  rootType: string | null,
  label: string | null,
  scope: Scope,
): string {
  const payload = scope.event ?? {};
  const verb = eventType.slice(eventType.indexOf('.') + 1);
  const subject = rootType ? `${nounOf(rootType)} „${label ?? '?'}“` : `das Ereignis ${eventType}`;
  const amount = typeof payload.amountCents === 'number' ? payload.amountCents : null;
  const currency = typeof payload.currency === 'string' ? payload.currency : 'EUR';
  const money = amount !== null ? ` (Betrag ${formatMoney(amount, 'de', currency)})` : '';
  if (eventType === 'deal.stage_changed') {
    const stage = scope.stage?.name;
    return `weil ${subject} in die Phase „${typeof stage === 'string' ? stage : '?'}“ kam${money}`;
  }
  const changed =
    Array.isArray(payload.changed) && payload.changed.length ? ` (${payload.changed.join(', ')})` : '';
  if (!rootType) return `weil ${subject} eintrat`;
  return `weil ${subject} ${VERBS[verb] ?? `das Ereignis ${eventType} auslöste`}${changed}${money}`;
}

/** "weil es Montag, 01.12.2026 08:00 ist (Zeitplan 0 8 * * 1)". */
export function scheduleReason(cron: string, at: Date, timezone: string): string {
  const text = new Intl.DateTimeFormat('de-DE', {
    timeZone: timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(at);
  return `weil der Zeitplan „${cron}“ fällig war (${text})`;
}

/** "weil bei Deal „Müller“ expectedCloseDate in 3 Tagen ist (04.12.2026)". */
export function dateReason(
  rootType: string,
  label: string,
  field: string,
  offsetDays: number,
  date: string,
): string {
  const when =
    offsetDays === 0
      ? 'heute'
      : offsetDays < 0
        ? `in ${-offsetDays} ${offsetDays === -1 ? 'Tag' : 'Tagen'}`
        : `seit ${offsetDays} ${offsetDays === 1 ? 'Tag' : 'Tagen'}`;
  return `weil bei ${nounOf(rootType)} „${label}“ ${field} ${when} ist (${formatDate(date, 'de')})`;
}

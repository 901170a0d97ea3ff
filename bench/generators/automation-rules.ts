import type { CreateRule } from '../../contracts/automation';
import type { EventPayload, EventType } from '../../contracts/events';
import { type BenchEvent, EUR, STAGE, type Subject } from './automation';

/**
 * The automation benchmark's twenty rules (issue 7 item 7), each with its conditions written a second
 * time as a plain predicate: the bench predicts the runs with these, not with the engine.
 */
// ─── rules ──────────────────────────────────────────────────────────────────────────────────────

/** What a rule's actions make per run. */
interface Makes {
  notifications: number;
  tasks: number;
}

export interface BenchRule {
  input: CreateRule;
  /** The rule's conditions as a plain predicate (the prediction, written apart from the engine). */
  matches(event: BenchEvent, s: Subject): boolean;
  makes: Makes;
}

/** Segments and owners the rules name: the most frequent in the sample, so the rules do fire. */
export interface RuleSubjects {
  segments: string[];
  owners: string[];
  industries: string[];
}

export function ruleSubjects(subjects: readonly Subject[]): RuleSubjects {
  const top = (values: Array<string | null>) => {
    const counts = new Map<string, number>();
    for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([v]) => v)
      .slice(0, 6);
  };
  const r = {
    segments: top(subjects.map((s) => s.segmentId)),
    owners: top(subjects.map((s) => s.ownerId)),
    industries: top(subjects.map((s) => s.industry)),
  };
  if (r.segments.length < 4 || r.owners.length < 6 || r.industries.length < 2) {
    throw new Error('the sampled deals have too few segments, owners or industries for the rules');
  }
  return r;
}

const changedAny = (e: BenchEvent, fields: string[]) =>
  'changed' in e.payload && e.payload.changed.some((f) => fields.includes(f));
const stageEvent = (e: BenchEvent) =>
  e.payload as EventPayload<'deal.stage_changed'> & { fromStageId: string | null };

const notifyOwner = (message: string) => ({
  kind: 'notify' as const,
  to: { kind: 'owner' as const },
  message,
});
const taskForOwner = (subject: string, taskType: 'call' | 'todo', dueInDays: number) => ({
  kind: 'create_task' as const,
  taskType,
  subject,
  assignTo: { kind: 'owner' as const },
  dueInDays,
  reminder: 'none' as const,
});
const NOTIFY: Makes = { notifications: 1, tasks: 0 };
const TASK: Makes = { notifications: 0, tasks: 1 };
const BOTH: Makes = { notifications: 1, tasks: 1 };

function eventRule(
  name: string,
  event: EventType,
  fields: string[] | undefined,
  conditions: CreateRule['conditions'],
  actions: CreateRule['actions'],
  makes: Makes,
  predicate: (e: BenchEvent, s: Subject) => boolean,
): BenchRule {
  return {
    input: {
      name,
      enabled: true,
      trigger: { kind: 'event', event, ...(fields ? { fields } : {}) },
      conditions,
      actions,
    },
    makes,
    matches: (e, s) => e.type === event && (!fields || changedAny(e, fields)) && predicate(e, s),
  };
}

/**
 * Twenty rules as a sales team would set them up: eight on stage moves, seven on deal edits, five on
 * company edits; conditions on the amount, the stage, the company's segment and industry, the owner.
 * Most events meet no rule's conditions; a few per cent make a notification, fewer a task.
 */
export function benchRules(r: RuleSubjects): BenchRule[] {
  const [segA, segB, segC, segD] = r.segments as [string, string, string, string];
  const [own1, own2, own3, own4, own5, own6] = r.owners as [string, string, string, string, string, string];
  const [indA, indB] = r.industries as [string, string];
  const amount = (s: Subject) => s.amountCents;
  return [
    // ── deal.stage_changed ──
    eventRule(
      'Große Chance in Verhandlung',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Verhandlung },
          { field: 'deal.amountCents', op: 'gte', value: 200_000 * EUR },
        ],
      },
      [
        taskForOwner('Verhandlung {{deal.title}} begleiten', 'call', 1),
        notifyOwner('{{deal.title}} ist in der Verhandlung'),
      ],
      BOTH,
      (e, s) => stageEvent(e).toStageId === STAGE.Verhandlung && amount(s) >= 200_000 * EUR,
    ),
    eventRule(
      'Angebot für Kernsegment',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Angebot },
          { field: 'company.segmentId', op: 'in', value: [segA, segB] },
        ],
      },
      [notifyOwner('Angebot für {{company.name}}: bitte nachfassen')],
      NOTIFY,
      (e, s) => stageEvent(e).toStageId === STAGE.Angebot && (s.segmentId === segA || s.segmentId === segB),
    ),
    eventRule(
      'Rückfall nach Lead',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Lead },
          { field: 'event.fromStageId', op: 'in', value: [STAGE.Angebot, STAGE.Verhandlung] },
          { field: 'deal.amountCents', op: 'gte', value: 50_000 * EUR },
        ],
      },
      [notifyOwner('{{deal.title}} ist zurück im Lead')],
      NOTIFY,
      (e, s) => {
        const p = stageEvent(e);
        return (
          p.toStageId === STAGE.Lead &&
          (p.fromStageId === STAGE.Angebot || p.fromStageId === STAGE.Verhandlung) &&
          amount(s) >= 50_000 * EUR
        );
      },
    ),
    eventRule(
      'Großauftrag gewonnen',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Gewonnen },
          { field: 'deal.amountCents', op: 'gte', value: 400_000 * EUR },
        ],
      },
      [notifyOwner('Gewonnen: {{deal.title}}')],
      NOTIFY,
      (e, s) => stageEvent(e).toStageId === STAGE.Gewonnen && amount(s) >= 400_000 * EUR,
    ),
    eventRule(
      'Verlorener Großdeal im Segment',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Verloren },
          { field: 'deal.amountCents', op: 'gte', value: 100_000 * EUR },
          {
            match: 'any',
            items: [
              { field: 'company.segmentId', op: 'eq', value: segC },
              { field: 'deal.ownerId', op: 'in', value: [own1, own2] },
            ],
          },
        ],
      },
      [taskForOwner('Verlust von {{deal.title}} besprechen', 'todo', 3)],
      TASK,
      (e, s) =>
        stageEvent(e).toStageId === STAGE.Verloren &&
        amount(s) >= 100_000 * EUR &&
        (s.segmentId === segC || s.ownerId === own1 || s.ownerId === own2),
    ),
    eventRule(
      'Key-Account in Verhandlung',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'deal.ownerId', op: 'in', value: [own3, own4] },
          { field: 'event.toStageId', op: 'eq', value: STAGE.Verhandlung },
        ],
      },
      [notifyOwner('Key-Account: {{deal.title}} in Verhandlung')],
      NOTIFY,
      (e, s) => (s.ownerId === own3 || s.ownerId === own4) && stageEvent(e).toStageId === STAGE.Verhandlung,
    ),
    eventRule(
      'Sehr großer Deal qualifiziert',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'event.toStageId', op: 'eq', value: STAGE.Qualifiziert },
          { field: 'deal.amountCents', op: 'gt', value: 450_000 * EUR },
        ],
      },
      [notifyOwner('{{deal.title}} qualifiziert')],
      NOTIFY,
      (e, s) => stageEvent(e).toStageId === STAGE.Qualifiziert && amount(s) > 450_000 * EUR,
    ),
    eventRule(
      'Segment D: Angebot über 100.000 €',
      'deal.stage_changed',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'company.segmentId', op: 'eq', value: segD },
          { field: 'event.toStageId', op: 'in', value: [STAGE.Angebot, STAGE.Verhandlung] },
          { field: 'deal.amountCents', op: 'gte', value: 100_000 * EUR },
        ],
      },
      [notifyOwner('Segment D: {{deal.title}}')],
      NOTIFY,
      (e, s) =>
        s.segmentId === segD &&
        (stageEvent(e).toStageId === STAGE.Angebot || stageEvent(e).toStageId === STAGE.Verhandlung) &&
        amount(s) >= 100_000 * EUR,
    ),
    // ── deal.updated ──
    eventRule(
      'Betrag einer Verhandlung erhöht',
      'deal.updated',
      ['amountCents'],
      {
        match: 'all',
        items: [
          { field: 'deal.stageId', op: 'eq', value: STAGE.Verhandlung },
          { field: 'deal.amountCents', op: 'gte', value: 150_000 * EUR },
        ],
      },
      [notifyOwner('Neuer Betrag für {{deal.title}}')],
      NOTIFY,
      (_e, s) => s.stageId === STAGE.Verhandlung && amount(s) >= 150_000 * EUR,
    ),
    eventRule(
      'Großer offener Deal übergeben',
      'deal.updated',
      ['ownerId'],
      {
        match: 'all',
        items: [
          {
            field: 'deal.stageId',
            op: 'in',
            value: [STAGE.Lead, STAGE.Qualifiziert, STAGE.Angebot, STAGE.Verhandlung],
          },
          { field: 'deal.amountCents', op: 'gte', value: 100_000 * EUR },
        ],
      },
      [taskForOwner('Übernommenen Deal {{deal.title}} sichten', 'todo', 2)],
      TASK,
      (_e, s) =>
        [STAGE.Lead, STAGE.Qualifiziert, STAGE.Angebot, STAGE.Verhandlung].includes(s.stageId) &&
        amount(s) >= 100_000 * EUR,
    ),
    eventRule(
      'Änderung im Kernsegment',
      'deal.updated',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'company.segmentId', op: 'eq', value: segA },
          { field: 'deal.amountCents', op: 'gte', value: 250_000 * EUR },
        ],
      },
      [notifyOwner('{{deal.title}} wurde geändert')],
      NOTIFY,
      (_e, s) => s.segmentId === segA && amount(s) >= 250_000 * EUR,
    ),
    eventRule(
      'Abschlussdatum einer Verhandlung verschoben',
      'deal.updated',
      ['expectedCloseDate'],
      {
        match: 'all',
        items: [
          { field: 'deal.stageId', op: 'eq', value: STAGE.Verhandlung },
          { field: 'deal.amountCents', op: 'gte', value: 120_000 * EUR },
        ],
      },
      [notifyOwner('Abschluss von {{deal.title}} verschoben')],
      NOTIFY,
      (_e, s) => s.stageId === STAGE.Verhandlung && amount(s) >= 120_000 * EUR,
    ),
    eventRule(
      'Kleinstauftrag eines Key-Accounts',
      'deal.updated',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'deal.ownerId', op: 'in', value: [own5, own6] },
          { field: 'deal.amountCents', op: 'lt', value: 2_000 * EUR },
        ],
      },
      [notifyOwner('Kleiner Deal {{deal.title}} geändert')],
      NOTIFY,
      (_e, s) => (s.ownerId === own5 || s.ownerId === own6) && amount(s) < 2_000 * EUR,
    ),
    eventRule(
      'Sehr großer Deal oder Angebot im Segment B',
      'deal.updated',
      ['amountCents', 'title'],
      {
        match: 'any',
        items: [
          { field: 'deal.amountCents', op: 'gte', value: 480_000 * EUR },
          {
            match: 'all',
            items: [
              { field: 'deal.stageId', op: 'eq', value: STAGE.Angebot },
              { field: 'company.segmentId', op: 'eq', value: segB },
            ],
          },
        ],
      },
      [notifyOwner('{{deal.title}} prüfen')],
      NOTIFY,
      (_e, s) => amount(s) >= 480_000 * EUR || (s.stageId === STAGE.Angebot && s.segmentId === segB),
    ),
    eventRule(
      'Betrag unter Mindestauftrag',
      'deal.updated',
      ['amountCents'],
      { match: 'all', items: [{ field: 'deal.amountCents', op: 'lt', value: 600 * EUR }] },
      [notifyOwner('{{deal.title}} liegt unter dem Mindestauftrag')],
      NOTIFY,
      (_e, s) => amount(s) < 600 * EUR,
    ),
    // ── company.updated ──
    eventRule(
      'Neu im Kernsegment',
      'company.updated',
      ['segmentId'],
      { match: 'all', items: [{ field: 'company.segmentId', op: 'in', value: [segA, segB] }] },
      [notifyOwner('{{company.name}} gehört jetzt zum Kernsegment')],
      NOTIFY,
      (_e, s) => s.segmentId === segA || s.segmentId === segB,
    ),
    eventRule(
      'Firma im Segment C übergeben',
      'company.updated',
      ['ownerId'],
      {
        match: 'all',
        items: [
          { field: 'company.segmentId', op: 'eq', value: segC },
          { field: 'company.industry', op: 'eq', value: indA },
        ],
      },
      [taskForOwner('{{company.name}} kennenlernen', 'call', 5)],
      TASK,
      (_e, s) => s.segmentId === segC && s.industry === indA,
    ),
    eventRule(
      'Maschinenbauer geändert',
      'company.updated',
      undefined,
      {
        match: 'all',
        items: [
          { field: 'company.name', op: 'contains', value: 'Maschinenbau' },
          { field: 'company.segmentId', op: 'is_not_empty' },
          { field: 'company.industry', op: 'eq', value: indB },
        ],
      },
      [notifyOwner('{{company.name}} wurde geändert')],
      NOTIFY,
      (_e, s) =>
        s.companyName.toLowerCase().includes('maschinenbau') && s.segmentId !== null && s.industry === indB,
    ),
    eventRule(
      'Branche geändert ohne Segment',
      'company.updated',
      ['industry'],
      {
        match: 'all',
        items: [
          { field: 'company.segmentId', op: 'is_empty' },
          { field: 'company.ownerId', op: 'in', value: [own1, own3, own5] },
        ],
      },
      [notifyOwner('Segment für {{company.name}} festlegen')],
      NOTIFY,
      (_e, s) => s.segmentId === null && [own1, own3, own5].includes(s.companyOwnerId ?? ''),
    ),
    eventRule(
      'Kernsegment: neuer Betreuer',
      'company.updated',
      ['ownerId'],
      {
        match: 'all',
        items: [
          { field: 'company.segmentId', op: 'eq', value: segA },
          { field: 'company.ownerId', op: 'in', value: [own2, own4, own6] },
        ],
      },
      [notifyOwner('Sie betreuen jetzt {{company.name}}')],
      NOTIFY,
      (_e, s) => s.segmentId === segA && [own2, own4, own6].includes(s.companyOwnerId ?? ''),
    ),
  ];
}

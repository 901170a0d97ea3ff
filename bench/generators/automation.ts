import type SQLite from 'better-sqlite3';
import type { EventPayload } from '../../contracts/events';
import {
  DEFAULT_PIPELINE_ID,
  DEFAULT_STAGES,
} from '../../server/src/migrations/2026_11_26_1310_create_sales';
import type { BenchRule } from './automation-rules';
import { uuidv7Factory } from './ids';
import { makeRng } from './pools';

/**
 * The automation benchmark's data (issue 7 item 7): twenty enabled rules over the events of deals
 * and companies, the events for records of the CRM data, and — computed here, apart from the engine
 * — how many runs, notifications and tasks the rules must make of them.
 */

export const STAGE = Object.fromEntries(DEFAULT_STAGES.map((s) => [s.name, s.id])) as Record<
  (typeof DEFAULT_STAGES)[number]['name'],
  string
>;
const STAGE_IDS = DEFAULT_STAGES.map((s) => s.id);
export const EUR = 100;

/** A deal of the CRM data with what the rules look at (its company's fields included). */
export interface Subject {
  dealId: string;
  title: string;
  stageId: string;
  amountCents: number;
  ownerId: string;
  companyId: string;
  companyName: string;
  segmentId: string | null;
  companyOwnerId: string | null;
  industry: string | null;
}

/**
 * Up to `count` deals picked at random (seeded) from the bench database, with their companies: deals
 * of the default pipeline (the CRM data has no other) whose owner and whose company's owner are
 * active users (one in twenty is not: a rule's task or notification for them fails, by design).
 */
export function sampleSubjects(sqlite: SQLite.Database, count: number, seed: number): Subject[] {
  const { max } = sqlite.prepare('SELECT max(rowid) AS max FROM deals').get() as { max: number | null };
  if (!max) throw new Error('the bench database has no deals');
  const rng = makeRng(seed ^ 0x0a07);
  const rowids = new Set<number>();
  for (let i = 0; rowids.size < Math.min(count, max) && i < count * 20; i++) rowids.add(1 + rng.int(max));
  const rows = sqlite
    .prepare(
      `SELECT d.id AS dealId, d.title, d.stage_id AS stageId, d.amount_cents AS amountCents, d.owner_id AS ownerId,
              c.id AS companyId, c.name AS companyName, c.segment_id AS segmentId, c.owner_id AS companyOwnerId,
              c.industry
         FROM deals d JOIN companies c ON c.id = d.company_id
         JOIN users du ON du.id = d.owner_id AND du.active = 1
         JOIN users cu ON cu.id = c.owner_id AND cu.active = 1
        WHERE d.rowid IN (SELECT value FROM json_each(?)) AND d.pipeline_id = ?
        ORDER BY d.rowid`,
    )
    .all(JSON.stringify([...rowids]), DEFAULT_PIPELINE_ID) as Subject[];
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }));
}

// ─── events ─────────────────────────────────────────────────────────────────────────────────────

export type BenchEventType = 'deal.stage_changed' | 'deal.updated' | 'company.updated';

export interface BenchEvent {
  type: BenchEventType;
  payload: EventPayload<BenchEventType>;
  /** The subject (index into the subjects) the event is about. */
  subject: number;
}

/** The mix of the events: stage moves most, then edits of deals, then edits of companies. */
export const EVENT_MIX: ReadonlyArray<{ value: BenchEventType; weight: number }> = [
  { value: 'deal.stage_changed', weight: 50 },
  { value: 'deal.updated', weight: 35 },
  { value: 'company.updated', weight: 15 },
];
const DEAL_CHANGES = [
  ['amountCents'],
  ['expectedCloseDate'],
  ['title'],
  ['ownerId'],
  ['amountCents', 'expectedCloseDate'],
  ['contactId'],
];
const COMPANY_CHANGES = [
  ['phone'],
  ['segmentId'],
  ['ownerId'],
  ['name'],
  ['industry', 'segmentId'],
  ['website'],
];

/**
 * `count` events about the subjects: a stage change says the deal entered the stage it is in now
 * (from another one), an update names the fields that changed. Seeded: the same events every run.
 */
export function benchEvents(subjects: readonly Subject[], count: number, seed: number): BenchEvent[] {
  const rng = makeRng(seed ^ 0xe7e7);
  const out: BenchEvent[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const subject = rng.int(subjects.length);
    const s = subjects[subject]!;
    const type = rng.weighted(EVENT_MIX);
    if (type === 'deal.stage_changed') {
      const others = STAGE_IDS.filter((id) => id !== s.stageId);
      out[i] = {
        type,
        subject,
        payload: {
          dealId: s.dealId,
          pipelineId: DEFAULT_PIPELINE_ID,
          fromStageId: rng.chance(0.05) ? null : rng.pick(others),
          toStageId: s.stageId,
          amountCents: s.amountCents,
        },
      };
    } else if (type === 'deal.updated') {
      out[i] = {
        type,
        subject,
        payload: { dealId: s.dealId, companyId: s.companyId, changed: rng.pick(DEAL_CHANGES) },
      };
    } else {
      out[i] = { type, subject, payload: { companyId: s.companyId, changed: rng.pick(COMPANY_CHANGES) } };
    }
  }
  return out;
}

/** The outbox rows of the events for the raw baseline: id, type, payload JSON, actor, origin, occurred_at. */
export function outboxRows(events: readonly BenchEvent[], actorId: string, seed: number, now: number) {
  const rng = makeRng(seed ^ 0x0b0c);
  const uuid = uuidv7Factory(rng.uint32);
  const at = new Date(now).toISOString();
  return events.map((e, i) => [uuid(now + i), e.type, JSON.stringify(e.payload), actorId, null, at, null]);
}

export interface Prediction {
  /** Runs per rule (rule order), those whose conditions hold. */
  runsPerRule: number[];
  runs: number;
  notifications: number;
  tasks: number;
  /** Events that start at least one run. */
  eventsWithRuns: number;
  /** Rules evaluated (events × rules with their trigger). */
  evaluations: number;
}

/** What the rules must do with the events, counted here without the engine. */
export function predict(
  rules: readonly BenchRule[],
  events: readonly BenchEvent[],
  subjects: readonly Subject[],
) {
  const p: Prediction = {
    runsPerRule: rules.map(() => 0),
    runs: 0,
    notifications: 0,
    tasks: 0,
    eventsWithRuns: 0,
    evaluations: 0,
  };
  for (const e of events) {
    const s = subjects[e.subject]!;
    let any = false;
    for (const [i, rule] of rules.entries()) {
      const trigger = rule.input.trigger as { event: string };
      if (trigger.event !== e.type) continue;
      p.evaluations++;
      if (!rule.matches(e, s)) continue;
      any = true;
      p.runsPerRule[i]!++;
      p.runs++;
      p.notifications += rule.makes.notifications;
      p.tasks += rule.makes.tasks;
    }
    if (any) p.eventsWithRuns++;
  }
  return p;
}

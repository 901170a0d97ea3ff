import { z } from 'zod';
import { ConditionOp, ConditionValue, RecordType } from './automation';
import { Id, Instant, listResponse } from './common';

/** What rules did (runs, action runs, the failed list) and what they would do (dry runs). */

// ─── runs ────────────────────────────────────────────────────────────────────────────────────────

export const RUN_STATUSES = ['running', 'waiting', 'done', 'failed', 'stopped', 'skipped'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;
export const ACTION_RUN_STATUSES = ['pending', 'done', 'failed', 'discarded', 'skipped'] as const;
export const ActionRunStatus = z.enum(ACTION_RUN_STATUSES);
export type ActionRunStatus = z.infer<typeof ActionRunStatus>;

/** One condition as evaluated: the value found and whether it held. */
export const EvaluatedCondition = z.object({
  field: z.string(),
  op: ConditionOp,
  value: ConditionValue.optional(),
  actual: z.unknown(),
  passed: z.boolean(),
});
export type EvaluatedCondition = z.infer<typeof EvaluatedCondition>;

/** What an action made: `{ entityType: 'task', entityId, label }` (links in the UI). */
export const ActionResult = z.object({
  entityType: z.string(),
  entityId: z.string(),
  label: z.string().nullable(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ActionRun = z.object({
  id: Id,
  actionIndex: z.number().int(),
  kind: z.string(),
  status: ActionRunStatus,
  attempts: z.number().int(),
  /** A waiting action runs at this instant. */
  dueAt: Instant,
  nextAttemptAt: Instant.nullable(),
  lastError: z.string().nullable(),
  result: ActionResult.nullable(),
  finishedAt: Instant.nullable(),
});
export type ActionRun = z.infer<typeof ActionRun>;

export const RuleRun = z.object({
  id: Id,
  ruleId: Id,
  ruleName: z.string(),
  ruleVersion: z.number().int(),
  /** The triggering event (null for schedule and date triggers). */
  eventId: Id.nullable(),
  eventType: z.string().nullable(),
  /** `event:<id>`, `schedule:<instant>`, `date:<recordId>:<date>`: one run per rule and key. */
  triggerKey: z.string(),
  recordType: RecordType.nullable(),
  recordId: z.string().nullable(),
  recordLabel: z.string().nullable(),
  status: RunStatus,
  conditions: z.array(EvaluatedCondition),
  /** "because deal Müller GmbH entered Verhandlung (amount 12.000 €)". */
  reason: z.string(),
  error: z.string().nullable(),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
  durationMs: z.number().int().nullable(),
  actions: z.array(ActionRun),
});
export type RuleRun = z.infer<typeof RuleRun>;
export const RuleRunList = listResponse(RuleRun);
export const RuleRunQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
  status: RunStatus.optional(),
});

/** A failed action (after its last attempt), for the admin's failed list: retry or discard. */
export const FailedAction = ActionRun.extend({
  runId: Id,
  ruleId: Id,
  ruleName: z.string(),
  recordLabel: z.string().nullable(),
});
export type FailedAction = z.infer<typeof FailedAction>;
export const FailedActionList = listResponse(FailedAction);

// ─── dry run ─────────────────────────────────────────────────────────────────────────────────────

/** POST /api/rules/:id/dry-run and POST /api/rules/dry-run (an unsaved definition). */
export const DryRunRequest = z.strictObject({
  /** The record to try the rule on (else: the most recent matching records, up to `limit`). */
  recordId: z.string().optional(),
  limit: z.number().int().min(1).max(20).default(5),
});
export const DryRunCase = z.object({
  recordType: RecordType.nullable(),
  recordId: z.string().nullable(),
  recordLabel: z.string().nullable(),
  conditionsPassed: z.boolean(),
  conditions: z.array(EvaluatedCondition),
  /** What each action would do, in words ("Create task "Call Müller" for Anna Schmidt, due 28.11.2026"). */
  actions: z.array(z.object({ kind: z.string(), description: z.string(), problem: z.string().nullable() })),
});
export type DryRunCase = z.infer<typeof DryRunCase>;
export const DryRunResult = z.object({
  /** For a schedule: the next times it would run; for a date trigger: the records due today. */
  nextRuns: z.array(Instant),
  cases: z.array(DryRunCase),
});
export type DryRunResult = z.infer<typeof DryRunResult>;

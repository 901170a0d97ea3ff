/** The automation tables (migration 2026_11_27_0300_create_automation). JSON as text, booleans 0/1. */
export interface AutomationRulesTable {
  id: string;
  name: string;
  description: string | null;
  builtin_key: string | null;
  enabled: number;
  trigger_event: string | null;
  trigger_kind: 'event' | 'schedule' | 'date' | 'builtin';
  /** JSON {trigger, conditions, actions} */
  definition: string;
  /** JSON, built-in rules' parameters (where the domain does not keep them itself) */
  params: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
  last_run_at: string | null;
  next_run_at: string | null;
  deleted_at: string | null;
}

export interface AutomationRuleVersionsTable {
  rule_id: string;
  version: number;
  name: string;
  enabled: number;
  definition: string;
  params: string | null;
  changed_by: string | null;
  changed_at: string;
}

export interface AutomationRunsTable {
  id: string;
  rule_id: string;
  rule_version: number;
  event_id: string | null;
  event_type: string | null;
  trigger_key: string;
  record_type: string | null;
  record_id: string | null;
  record_label: string | null;
  status: 'running' | 'waiting' | 'done' | 'failed' | 'stopped' | 'skipped';
  /** JSON EvaluatedCondition[] */
  conditions: string;
  reason: string;
  origin: string | null;
  /** JSON: the scope the run saw (root record, related records, event payload) */
  context: string | null;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

export interface AutomationActionRunsTable {
  id: string;
  run_id: string;
  rule_id: string;
  action_index: number;
  kind: string;
  status: 'pending' | 'done' | 'failed' | 'discarded' | 'skipped';
  attempts: number;
  due_at: string;
  next_attempt_at: string | null;
  last_error: string | null;
  /** JSON ActionResult */
  result: string | null;
  /** The entity the action made (its type and id, also in `result`), for provenance lookups. */
  result_type: string | null;
  result_id: string | null;
  finished_at: string | null;
}

export interface AutomationEmailTemplatesTable {
  id: string;
  name: string;
  subject_de: string;
  body_de: string;
  subject_en: string;
  body_en: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface WebhooksTable {
  id: string;
  name: string;
  url: string;
  /** JSON string[] of event types */
  events: string;
  active: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

declare module '../../platform/db/database' {
  interface Database {
    automation_rules: AutomationRulesTable;
    automation_rule_versions: AutomationRuleVersionsTable;
    automation_runs: AutomationRunsTable;
    automation_action_runs: AutomationActionRunsTable;
    automation_email_templates: AutomationEmailTemplatesTable;
    webhooks: WebhooksTable;
    webhook_deliveries: WebhookDeliveriesTable;
    webhook_attempts: WebhookAttemptsTable;
  }
}

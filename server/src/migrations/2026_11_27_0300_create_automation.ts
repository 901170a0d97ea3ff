import type { Kysely } from 'kysely';

/**
 * Automation (issue 7): rules and their versions, runs and action runs, e-mail templates,
 * webhooks and their deliveries; and the outbox learns the origin of an event (`rule:<id>@<v>`),
 * so the engine can tell a rule that triggers itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('origin', 'text').execute();

  await db.schema
    .createTable('automation_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // a built-in process shown as a rule (`billing.collection`, …): one row per key, made on first edit
    .addColumn('builtin_key', 'text', (c) => c.unique())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // the event type of an event trigger (`deal.stage_changed`), else null: the engine's lookup key
    .addColumn('trigger_event', 'text')
    .addColumn('trigger_kind', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull()) // JSON {trigger, conditions, actions}
    .addColumn('params', 'text') // JSON, built-in rules
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    // schedule triggers: the next instant the schedule is due (the scheduler's cursor)
    .addColumn('next_run_at', 'text')
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema
    .createIndex('automation_rules_trigger')
    .on('automation_rules')
    .columns(['trigger_event', 'enabled'])
    .execute();

  await db.schema
    .createTable('automation_rule_versions')
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('params', 'text')
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('automation_rule_versions_pk', ['rule_id', 'version'])
    .execute();

  await db.schema
    .createTable('automation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text')
    .addColumn('event_type', 'text')
    // `event:<id>`, `schedule:<instant>`, `date:<recordId>:<date>`: exactly one run per rule and key
    .addColumn('trigger_key', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('record_id', 'text')
    .addColumn('record_label', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull()) // JSON EvaluatedCondition[]
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('origin', 'text') // the origin chain the run's actions act under
    .addColumn('context', 'text') // JSON: the records the run saw (templates of later actions)
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'integer')
    .execute();
  await db.schema
    .createIndex('automation_runs_rule_key')
    .on('automation_runs')
    .columns(['rule_id', 'trigger_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('automation_runs_rule')
    .on('automation_runs')
    .columns(['rule_id', 'id'])
    .execute();
  await db.schema
    .createIndex('automation_runs_record')
    .on('automation_runs')
    .columns(['record_type', 'record_id'])
    .execute();

  await db.schema
    .createTable('automation_action_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull())
    .addColumn('action_index', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text') // JSON ActionResult
    // what the action made, for "created by rule X because …" on that record
    .addColumn('result_type', 'text')
    .addColumn('result_id', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema
    .createIndex('automation_action_runs_result')
    .on('automation_action_runs')
    .columns(['result_type', 'result_id'])
    .execute();
  await db.schema
    .createIndex('automation_action_runs_run')
    .on('automation_action_runs')
    .columns(['run_id', 'action_index'])
    .unique()
    .execute();
  await db.schema
    .createIndex('automation_action_runs_due')
    .on('automation_action_runs')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('automation_email_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject_de', 'text', (c) => c.notNull())
    .addColumn('body_de', 'text', (c) => c.notNull())
    .addColumn('subject_en', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull()) // JSON string[]
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('previous_secret', 'text')
    .addColumn('previous_secret_expires_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('webhook_id', 'text', (c) => c.notNull())
    // the event's id, or `rule:<actionRunId>` for a rule's call_webhook action
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull()) // the JSON sent
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('delivery_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery')
    .on('webhook_attempts')
    .columns(['delivery_id', 'at'])
    .execute();
}

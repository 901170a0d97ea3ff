import { AppError } from '../../../platform/http/errors';
import { registerAction } from '../registry';
import { enqueueRuleWebhookCall } from './enqueue-deliveries';
import { findWebhook } from './webhooks.repository';

/**
 * The rules' `call_webhook` action: queues a delivery to the webhook (sent after the action's
 * transaction commits, retried like event deliveries). Body: `{ id: "rule:<actionRunId>", type:
 * "rule.action", occurredAt, rule: {id, name, version}, record: {type, id}, data: <what the run saw> }`.
 */
registerAction({
  kind: 'call_webhook',
  recordTypes: 'any',
  async validate(db, action) {
    const hook = await findWebhook(db, action.webhookId);
    if (!hook) return 'The webhook does not exist (any more)';
    if (hook.active !== 1) return `The webhook “${hook.name}” is inactive`;
    return null;
  },
  async describe(ctx, action) {
    const hook = await findWebhook(ctx.db, action.webhookId);
    if (!hook) return { description: 'Call a webhook', problem: 'The webhook does not exist (any more)' };
    return {
      description: `Call webhook “${hook.name}” (${hook.url})`,
      problem: hook.active === 1 ? null : `The webhook “${hook.name}” is inactive`,
    };
  },
  async execute(ctx, action) {
    const hook = await findWebhook(ctx.trx, action.webhookId);
    if (!hook)
      throw new AppError('unprocessable', 'webhooks.not_found', 'The webhook does not exist (any more)');
    if (hook.active !== 1)
      throw new AppError('unprocessable', 'webhooks.inactive', `The webhook “${hook.name}” is inactive`);
    const deliveryId = await enqueueRuleWebhookCall(ctx.trx, {
      webhookId: hook.id,
      actionRunId: ctx.actionRunId,
      occurredAt: ctx.clock.now().toISOString(),
      rule: ctx.rule,
      record: ctx.root,
      data: ctx.scope,
    });
    return { entityType: 'webhook_delivery', entityId: deliveryId, label: hook.name };
  },
});

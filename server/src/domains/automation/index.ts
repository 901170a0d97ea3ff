import type { DomainModule } from '../../platform/module';
import './automation.tables';
import './actions/register';
import { automationRoutes } from './automation.routes';
import { dateTriggersJob } from './engine/date-triggers.job';
import { actionsJob, runDueActions } from './engine/run-due-actions';
import { schedulesJob } from './engine/schedules.job';
import { subscribeAutomation } from './on-event.handler';
import { rulesRoutes } from './rules.routes';
import { registerWebhookSender, webhookRoutes } from './webhooks/webhooks.module';

/**
 * Automation (issue 7): rules (trigger + conditions + actions), their runs, e-mail templates,
 * built-in processes shown as rules, webhooks. Reacts to every event. Imports no other domain:
 * domains register their record types, actions and built-in rules here (registry.ts).
 */
export const automationModule: DomainModule = {
  name: 'automation',
  routes(app, ctx) {
    rulesRoutes(app, ctx);
    automationRoutes(app, ctx);
    webhookRoutes(app, ctx);
  },
  subscribers(ctx) {
    subscribeAutomation(ctx);
    // actions due after a wait or a retry, run after each delivery pass and awaited by drain()
    ctx.events.afterDelivery('automation.actions', () => runDueActions(ctx));
  },
  jobs(ctx) {
    ctx.jobs.register(actionsJob());
    ctx.jobs.register(schedulesJob());
    ctx.jobs.register(dateTriggersJob());
    registerWebhookSender(ctx);
  },
};

// ─── public functions for other domains ──────────────────────────────────────────────────────────
export { seedAutomation } from './automation.seed';
export { type BuiltinRun, isBuiltinRuleEnabled, recordBuiltinRuns } from './builtin-state';
export { type FieldSources, projection } from './projection';
export {
  type ActionContext,
  type ActionImpl,
  type BuiltinRuleDef,
  type MailContact,
  type ParamValue,
  type RecordTypeDef,
  type RecordValues,
  registerAction,
  registerBuiltinRule,
  registerRecordType,
} from './registry';

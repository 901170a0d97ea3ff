import type { DomainModule } from '../../platform/module';
import './automation.tables';
import { subscribeAutomation } from './on-event.handler';

/**
 * Automation (issue 7): rules (trigger + conditions + actions), their runs, e-mail templates,
 * built-in processes shown as rules, webhooks. Reacts to every event. Imports no other domain:
 * domains register their record types, actions and built-in rules here (registry.ts).
 */
export const automationModule: DomainModule = {
  name: 'automation',
  routes(_app, _ctx) {},
  subscribers(ctx) {
    subscribeAutomation(ctx);
  },
  jobs(_ctx) {},
};

// ─── public functions for other domains ──────────────────────────────────────────────────────────
export { type BuiltinRun, isBuiltinRuleEnabled, recordBuiltinRuns } from './builtin-state';
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

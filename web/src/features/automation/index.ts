export { automationKeys, useDeleteRule, useRule } from './api/automation-api';
export { BuiltinRules } from './components/builtin-rules';
export { EmailTemplates } from './components/email-templates';
export { FailedActions, useFailedActionCount } from './components/failed-actions';
export { RuleEditor } from './components/rule-editor';
export { RuleProvenance, useHasProvenance } from './components/rule-provenance';
export { RuleRuns } from './components/rule-runs';
export { RuleVersions } from './components/rule-versions';
export { RulesList } from './components/rules-list';

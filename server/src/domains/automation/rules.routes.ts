import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Action, CreateRule, Rule, RuleList, UpdateRule } from '../../../../contracts/automation';
import {
  DryRunRequest,
  DryRunResult,
  RuleRunList,
  RuleRunQuery,
} from '../../../../contracts/automation-runs';
import { IdParams, Problem } from '../../../../contracts/common';
import { can } from '../../../../contracts/permissions';
import type { AppContext } from '../../platform/context';
import { hasPermission, principalOf, requirePermission, requireScope } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { type DryRunViewer, dryRunDefinition, dryRunRule } from './dry-run';
import { scopesForActions } from './record-access';
import { createRule, deleteRule, getRule, listRules, listRuleVersions, updateRule } from './rules.service';
import { listRuleRuns } from './runs.service';

const RuleVersionList = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      name: z.string(),
      enabled: z.boolean(),
      trigger: z.unknown(),
      conditions: z.unknown(),
      actions: z.unknown(),
      changedBy: z.string().nullable(),
      changedAt: z.string(),
    }),
  ),
});
const DryRunDefinition = z.strictObject({
  rule: CreateRule,
  recordId: z.string().optional(),
  limit: z.number().int().min(1).max(20).optional(),
});

/** The dry run's viewer: the caller, reading what their role and token scopes allow. */
function viewerOf(request: FastifyRequest, actor: DryRunViewer['actor']): DryRunViewer {
  return { actor, mayRead: (permission) => hasPermission(request, permission) };
}

/**
 * A rule saved through an API token must not write where the token may not: it needs the write
 * scopes of the domains its actions change (403 `auth.token_scope` like any other scope refusal).
 */
function requireActionScopes(request: FastifyRequest, actions: readonly Action[]): void {
  if (principalOf(request).scopes === null) return;
  for (const scope of scopesForActions(actions)) requireScope(request, scope);
}

/** Rules CRUD, versions, runs and dry runs (issue 7). */
export function rulesRoutes(app: App, ctx: AppContext): void {
  const tags = ['automation'];

  app.get(
    '/api/rules',
    {
      schema: {
        tags,
        summary: 'Automation rules',
        description:
          'The built-in processes first (collection tasks, dunning, …: `builtin` set, adjustable through `params`), then the custom rules by name, with run counts of the last 30 days.',
        response: { 200: RuleList },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation rules');
      return listRules(ctx);
    },
  );

  app.post(
    '/api/rules',
    {
      schema: {
        tags,
        summary: 'Create a rule',
        description:
          'Trigger + conditions + actions. A rule that could never run is refused with 422 `automation.invalid_rule` and a message per path (`conditions.items.0.field`, `actions.1.to`, …). Through an API token, the token also needs the write scopes of what the actions change (`deals:write` for update_field on a deal, `tasks:write` for create_task/notify, `webhooks:write` for call_webhook, …; else 403 `auth.token_scope`).',
        body: CreateRule,
        response: { 201: Rule, 403: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'automation.manage', 'create automation rules');
      requireActionScopes(request, request.body.actions);
      return reply.status(201).send(await createRule(ctx, actor, request.body));
    },
  );

  app.post(
    '/api/rules/dry-run',
    {
      schema: {
        tags,
        summary: 'Dry-run an unsaved rule',
        description: 'Validated like a save; nothing is written.',
        body: DryRunDefinition,
        response: { 200: DryRunResult, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.manage', 'try automation rules');
      return dryRunDefinition(ctx, viewerOf(request, actor), request.body);
    },
  );

  app.get(
    '/api/rules/:id',
    { schema: { tags, summary: 'One rule', params: IdParams, response: { 200: Rule, 404: Problem } } },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation rules');
      return getRule(ctx, request.params.id);
    },
  );

  app.put(
    '/api/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a rule (a new version)',
        description:
          'Send `version` (409 when stale); left-out fields stay. Built-in rules: only `enabled` and `params` (permission `automation.builtins`).',
        params: IdParams,
        body: UpdateRule,
        response: { 200: Rule, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.manage', 'change automation rules');
      const canBuiltins = actor.role !== null && can(actor.role, 'automation.builtins');
      // enabling or renaming through a token also needs what the rule's (kept) actions write
      if (principalOf(request).scopes !== null) {
        requireActionScopes(request, request.body.actions ?? (await getRule(ctx, request.params.id)).actions);
      }
      return updateRule(ctx, actor, request.params.id, request.body, canBuiltins);
    },
  );

  app.delete(
    '/api/rules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a rule',
        description: 'Built-in rules cannot be deleted (422); disable them instead.',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'automation.manage', 'delete automation rules');
      await deleteRule(ctx, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/rules/:id/versions',
    {
      schema: {
        tags,
        summary: 'Every version of a rule, newest first',
        params: IdParams,
        response: { 200: RuleVersionList },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation rules');
      return listRuleVersions(ctx, request.params.id);
    },
  );

  app.get(
    '/api/rules/:id/runs',
    {
      schema: {
        tags,
        summary: 'A rule’s run history, newest first',
        description:
          'Each run with the conditions as evaluated, its reason and its actions. `status` filters.',
        params: IdParams,
        querystring: RuleRunQuery,
        response: { 200: RuleRunList },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation runs');
      return listRuleRuns(ctx, request.params.id, request.query);
    },
  );

  app.post(
    '/api/rules/:id/dry-run',
    {
      schema: {
        tags,
        summary: 'What the rule would do now, without doing it',
        description:
          'For `recordId`, else the most recent records of the trigger’s type (date triggers: those due today): conditions evaluated and each action described. Schedules: `nextRuns`.',
        params: IdParams,
        body: DryRunRequest.optional(),
        response: { 200: DryRunResult, 404: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.read', 'try automation rules');
      return dryRunRule(ctx, viewerOf(request, actor), request.params.id, request.body ?? {});
    },
  );
}

import { z } from 'zod';
import {
  AutomationCatalog,
  CreateEmailTemplate,
  EmailTemplate,
  EmailTemplateList,
  UpdateEmailTemplate,
} from '../../../../contracts/automation';
import { FailedAction, FailedActionList } from '../../../../contracts/automation-runs';
import { IdParams, Problem } from '../../../../contracts/common';
import type { AppContext } from '../../platform/context';
import { toBool } from '../../platform/db/database';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { automationCatalog } from './catalog';
import {
  createEmailTemplate,
  deleteEmailTemplate,
  getEmailTemplate,
  listEmailTemplates,
  updateEmailTemplate,
} from './email-templates.service';
import { readPermissionOf } from './record-access';
import { discardFailedAction, listFailedActions, provenanceOf, retryFailedAction } from './runs.service';
import { listWebhookOptions } from './webhooks/webhooks.repository';

const FailedQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
});
const ProvenanceQuery = z.object({
  entityType: z.string().min(1).max(40),
  entityId: z.string().min(1).max(80),
});
const ProvenanceList = z.object({
  items: z.array(
    z.object({
      ruleId: z.string(),
      ruleName: z.string(),
      ruleVersion: z.number().int(),
      runId: z.string(),
      reason: z.string(),
      at: z.string(),
    }),
  ),
});
const WebhookOptionList = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), active: z.boolean() })),
});

/** The editor's catalogue, failed actions, provenance and e-mail templates (issue 7). */
export function automationRoutes(app: App, ctx: AppContext): void {
  const tags = ['automation'];

  app.get(
    '/api/automation/catalog',
    {
      schema: {
        tags,
        summary: 'What the rule editor offers',
        description:
          'Triggers, fields per root record type (related records under their names; `event:<type>` the event payload keys), actions per root type (`none`: schedules), template variables, date fields.',
        response: { 200: AutomationCatalog },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation rules');
      return automationCatalog();
    },
  );

  app.get(
    '/api/automation/failed-actions',
    {
      schema: {
        tags,
        summary: 'Rule actions that failed after their last attempt',
        querystring: FailedQuery,
        response: { 200: FailedActionList },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.manage', 'see failed rule actions');
      return listFailedActions(ctx, request.query);
    },
  );

  app.post(
    '/api/automation/failed-actions/:id/retry',
    {
      schema: {
        tags,
        summary: 'Retry a failed action now',
        description:
          'Back to pending, run at once; on success the run goes on. 409 when the action is not failed.',
        params: IdParams,
        response: { 200: FailedAction, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.manage', 'retry rule actions');
      return retryFailedAction(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/automation/failed-actions/:id/discard',
    {
      schema: {
        tags,
        summary: 'Give up a failed action',
        description: 'Status `discarded`; the run goes on with its next action.',
        params: IdParams,
        response: { 200: FailedAction, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.manage', 'discard rule actions');
      return discardFailedAction(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/automation/provenance',
    {
      schema: {
        tags,
        summary: 'Which rule runs made a record ("created by rule X because …")',
        description:
          'Needs the read permission of the record type (`task` → tasks.read, …; unknown types 400); 404 when the record is not visible to you.',
        querystring: ProvenanceQuery,
        response: { 200: ProvenanceList, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      // whoever may read the record (role and token scope); 404 when it is not visible to them
      const { entityType, entityId } = request.query;
      const actor = requirePermission(request, readPermissionOf(entityType), `see ${entityType} records`);
      return provenanceOf(ctx, actor, entityType, entityId);
    },
  );

  app.get(
    '/api/automation/webhook-options',
    {
      schema: {
        tags,
        summary: 'Webhooks a rule can call (for the rule editor)',
        description:
          'Id, name and whether it is active; for people who edit rules but do not manage webhooks (no URL, no secret).',
        response: { 200: WebhookOptionList },
      },
    },
    async (request) => {
      requirePermission(request, 'automation.read', 'see automation rules');
      const rows = await listWebhookOptions(ctx.db);
      return { items: rows.map((r) => ({ id: r.id, name: r.name, active: toBool(r.active) })) };
    },
  );

  app.get(
    '/api/automation/email-templates',
    { schema: { tags, summary: 'E-mail templates of rules', response: { 200: EmailTemplateList } } },
    async (request) => {
      requirePermission(request, 'automation.read', 'see e-mail templates');
      return listEmailTemplates(ctx);
    },
  );

  app.get(
    '/api/automation/email-templates/:id',
    { schema: { tags, summary: 'One e-mail template', params: IdParams, response: { 200: EmailTemplate } } },
    async (request) => {
      requirePermission(request, 'automation.read', 'see e-mail templates');
      return getEmailTemplate(ctx, request.params.id);
    },
  );

  app.post(
    '/api/automation/email-templates',
    {
      schema: {
        tags,
        summary: 'Create an e-mail template',
        description: 'Subject and body in German and English with `{{variables}}` (`{{company.name}}`).',
        body: CreateEmailTemplate,
        response: { 201: EmailTemplate, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'automation.manage', 'create e-mail templates');
      return reply.status(201).send(await createEmailTemplate(ctx, actor, request.body));
    },
  );

  app.put(
    '/api/automation/email-templates/:id',
    {
      schema: {
        tags,
        summary: 'Change an e-mail template',
        description: 'Send `version` (409 when stale).',
        params: IdParams,
        body: UpdateEmailTemplate,
        response: { 200: EmailTemplate, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'automation.manage', 'change e-mail templates');
      return updateEmailTemplate(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/automation/email-templates/:id',
    {
      schema: {
        tags,
        summary: 'Delete an e-mail template',
        description: 'Refused (422 `automation.template_in_use`) while an enabled rule sends it.',
        params: IdParams,
        response: { 204: z.null().describe('Deleted'), 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'automation.manage', 'delete e-mail templates');
      await deleteEmailTemplate(ctx, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

import { z } from 'zod';
import { IdParams, Problem } from '../../../../../contracts/common';
import {
  CreateWebhook,
  DeleteWebhookQuery,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
  WebhookList,
  WebhookWithSecret,
} from '../../../../../contracts/webhooks';
import type { AppContext } from '../../../platform/context';
import { requirePermission } from '../../../platform/http/auth';
import type { App } from '../../../platform/http/types';
import { listDeliveries, pingWebhook, resendDelivery } from './deliveries.service';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateWebhookSecret,
  updateWebhook,
} from './webhooks.service';

const TAGS = ['webhooks'];
const MANAGE = 'webhooks.manage';

export function webhookRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/webhooks',
    { schema: { tags: TAGS, summary: 'Webhooks', response: { 200: WebhookList } } },
    async (request) => {
      requirePermission(request, MANAGE, 'see webhooks');
      return listWebhooks(ctx);
    },
  );

  app.post(
    '/api/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Create a webhook',
        description:
          'Subscribes a URL (http or https, no user:password in it: 422 `webhooks.invalid_url`) to event types. The answer carries the signing `secret` (`whsec_…`) this once; later reads show `secretHint`. Each delivery is a POST with `Kontor-Event`, `Kontor-Delivery` (de-duplicate on it) and `Kontor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.',
        body: CreateWebhook,
        response: { 201: WebhookWithSecret, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, MANAGE, 'create webhooks');
      return reply.status(201).send(await createWebhook(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/webhooks/:id',
    { schema: { tags: TAGS, summary: 'One webhook', params: IdParams, response: { 200: Webhook } } },
    async (request) => {
      requirePermission(request, MANAGE, 'see webhooks');
      return getWebhook(ctx, request.params.id);
    },
  );

  app.put(
    '/api/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Change a webhook',
        description:
          'Send `version` (409 when someone changed the webhook meanwhile) and the fields to change; fields left out stay. Deactivating gives up its pending deliveries, and is refused (422 `webhooks.in_use`, the rules named in `errors[]`) while an enabled rule calls the webhook.',
        params: IdParams,
        body: UpdateWebhook,
        response: { 200: Webhook, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, MANAGE, 'change webhooks');
      return updateWebhook(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Delete a webhook',
        description:
          'It receives nothing more; deliveries not yet made are given up. Its log stays readable in the audit trail. Refused (422 `webhooks.in_use`, the rules named in `errors[]`) while an enabled rule calls it.',
        params: IdParams,
        querystring: DeleteWebhookQuery,
        response: { 204: z.null().describe('Deleted'), 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, MANAGE, 'delete webhooks');
      await deleteWebhook(ctx, actor, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/webhooks/:id/rotate-secret',
    {
      schema: {
        tags: TAGS,
        summary: 'Rotate the signing secret',
        description:
          'Returns the new `secret` this once. For 24 hours (`previousSecretExpiresAt`) deliveries carry a second `v1=` signature made with the old secret, so receivers can switch without losing deliveries.',
        params: IdParams,
        response: { 200: WebhookWithSecret },
      },
    },
    async (request) => {
      const actor = requirePermission(request, MANAGE, 'rotate webhook secrets');
      return rotateWebhookSecret(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/webhooks/:id/ping',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a test delivery',
        description:
          'POSTs a `webhook.ping` delivery now and answers with its outcome (status code or error). Sent once: a failed ping is `failed` and not retried (re-send it by hand).',
        params: IdParams,
        response: { 200: WebhookDelivery },
      },
    },
    async (request) => {
      requirePermission(request, MANAGE, 'test webhooks');
      return pingWebhook(ctx, request.params.id);
    },
  );

  app.get(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: 'Delivery log of a webhook',
        description:
          'Newest first, each with its attempts (`attemptLog`: response code or error, duration). `status` pending|delivered|failed. Failed attempts are retried after 30 s, 2 min, 10 min, 1 h and 6 h; after the sixth the delivery is `failed`.',
        params: IdParams,
        querystring: WebhookDeliveryQuery,
        response: { 200: WebhookDeliveryList },
      },
    },
    async (request) => {
      requirePermission(request, MANAGE, 'see webhook deliveries');
      return listDeliveries(ctx, request.params.id, request.query);
    },
  );

  app.post(
    '/api/webhooks/deliveries/:id/resend',
    {
      schema: {
        tags: TAGS,
        summary: 'Send a delivery again now',
        description:
          'A new attempt at once, also for delivered and failed deliveries (same `Kontor-Delivery` id, fresh signature); answers with the outcome.',
        params: IdParams,
        response: { 200: WebhookDelivery, 409: Problem },
      },
    },
    async (request) => {
      requirePermission(request, MANAGE, 'resend webhook deliveries');
      return resendDelivery(ctx, request.params.id);
    },
  );
}

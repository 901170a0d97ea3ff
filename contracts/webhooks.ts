import { z } from 'zod';
import { EventTypeSchema } from './automation';
import { Id, Instant, listResponse, Version } from './common';
import { EVENT_TYPES } from './events';

/** Webhooks (issue 7): subscriptions to event types, signed deliveries and their attempts. */

export const Webhook = z.object({
  id: Id,
  name: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  active: z.boolean(),
  /** The first characters of the current secret (`whsec_ab12…`). */
  secretHint: z.string(),
  /** After a rotation the old secret also verifies until then. */
  previousSecretExpiresAt: Instant.nullable(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Webhook = z.infer<typeof Webhook>;
export const WebhookList = z.object({ items: z.array(Webhook) });
/** Creating or rotating returns the secret once. */
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;
export const CreateWebhook = z.strictObject({
  name: z.string().trim().min(1).max(120),
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z.array(EventTypeSchema).min(1).max(EVENT_TYPES.length),
  active: z.boolean().default(true),
});
export type CreateWebhook = z.input<typeof CreateWebhook>;
/**
 * Only the fields sent change, so no defaults here: a `.partial()` of CreateWebhook keeps `active`'s
 * default and would switch a deactivated webhook back on with any edit.
 */
export const UpdateWebhook = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  events: z.array(EventTypeSchema).min(1).max(EVENT_TYPES.length).optional(),
  active: z.boolean().optional(),
  version: Version,
});
export type UpdateWebhook = z.input<typeof UpdateWebhook>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** One try to deliver: the receiver's status code (null: no answer) or the error, and how long it took. */
export const WebhookAttempt = z.object({
  at: Instant,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;
export const WebhookDelivery = z.object({
  id: Id,
  webhookId: Id,
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: Instant.nullable(),
  nextAttemptAt: Instant.nullable(),
  deliveredAt: Instant.nullable(),
  createdAt: Instant,
  /** The tries, oldest first (the log's response codes). */
  attemptLog: z.array(WebhookAttempt),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;
export const WebhookDeliveryList = listResponse(WebhookDelivery);
export const WebhookDeliveryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).optional(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;
/** DELETE /api/webhooks/:id?version=: with a version, 409 when someone changed the webhook meanwhile. */
export const DeleteWebhookQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

/** Signature header names (documented in docs/integrate.md). */
export const WEBHOOK_SIGNATURE_HEADER = 'Kontor-Signature';
export const WEBHOOK_EVENT_HEADER = 'Kontor-Event';
export const WEBHOOK_DELIVERY_HEADER = 'Kontor-Delivery';

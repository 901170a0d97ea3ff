import { z } from 'zod';
import { BusinessDate, Id, Instant, ListQuery, listResponse } from './common';

/** An event delivery: one event handed to one subscriber. */
export const DeliveryStatus = z.enum(['pending', 'done', 'dead', 'discarded']);

export const EventDelivery = z.object({
  id: Id,
  eventId: Id,
  eventType: z.string(),
  subscriber: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: Instant.nullable(),
  updatedAt: Instant,
});
export type EventDelivery = z.infer<typeof EventDelivery>;

/** A delivery that failed on every attempt: what failed, why, and the event it was about. */
export const DeadLetter = EventDelivery.extend({
  payload: z.unknown(),
  occurredAt: Instant,
});
export type DeadLetter = z.infer<typeof DeadLetter>;

export const DeadLetterQuery = ListQuery.extend({
  subscriber: z.string().max(200).optional(),
  eventType: z.string().max(200).optional(),
});
export const DeadLetterList = listResponse(DeadLetter);

export const JobRunStatus = z.enum(['running', 'succeeded', 'failed']);
export const JobTrigger = z.enum(['schedule', 'cli', 'api']);

export const JobRun = z.object({
  id: Id,
  name: z.string(),
  trigger: JobTrigger,
  /** The business date the run acted "as of" (its clock stood at 06:00 company time that day); null = now. */
  asOf: BusinessDate.nullable(),
  status: JobRunStatus,
  summary: z.string().nullable(),
  error: z.string().nullable(),
  startedAt: Instant,
  finishedAt: Instant.nullable(),
});
export type JobRun = z.infer<typeof JobRun>;

export const ScheduledJob = z.object({
  name: z.string(),
  description: z.string(),
  /** 5-field cron expression in the company time zone. */
  cron: z.string(),
  timezone: z.string(),
  nextRunAt: Instant.nullable(),
  lastRun: JobRun.nullable(),
});
export const JobList = listResponse(ScheduledJob);

export const JobParams = z.object({ name: z.string().min(1).max(200) });
export const RunJobRequest = z.strictObject({
  asOf: BusinessDate.optional(),
});

export const JobRunQuery = ListQuery.extend({
  name: z.string().max(200).optional(),
  status: JobRunStatus.optional(),
});
export const JobRunList = listResponse(JobRun);

export const MailStatus = z.enum(['outbox', 'sent', 'failed']);
export const Mail = z.object({
  id: Id,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  /** outbox: waiting to be sent (or kept here when no SMTP server is configured) · sent · failed. */
  status: MailStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Instant,
  sentAt: Instant.nullable(),
});
export type Mail = z.infer<typeof Mail>;
export const MailQuery = ListQuery.extend({ status: MailStatus.optional() });
export const MailList = listResponse(Mail);

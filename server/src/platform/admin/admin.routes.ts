import { z } from 'zod';
import {
  DeadLetterList,
  DeadLetterQuery,
  EventDelivery,
  JobList,
  JobParams,
  JobRun,
  JobRunList,
  JobRunQuery,
  MailList,
  MailQuery,
  RunJobRequest,
} from '../../../../contracts/admin';
import { IdParams } from '../../../../contracts/common';
import { systemClock } from '../clock';
import type { AppContext } from '../context';
import { discardDeadLetter, listDeadLetters, retryDeadLetter } from '../events/dead-letters';
import { requirePermission } from '../http/auth';
import type { App } from '../http/types';
import { listJobRuns, listJobs, toJobRun } from '../jobs/job-queries';
import { runJob } from '../jobs/run-job';
import { listMail } from '../mail/mail.queries';

/** Operating the platform: dead letters, scheduled jobs, the mail outbox. Admins only (`system.manage`). */
export function adminRoutes(app: App, ctx: AppContext) {
  const tags = ['admin'];

  app.get(
    '/api/admin/dead-letters',
    {
      schema: {
        tags,
        summary: 'Event deliveries that failed on every attempt (dead letters)',
        description:
          'Newest failure first, with the event type, subscriber, attempts, last error and event payload.',
        querystring: DeadLetterQuery,
        response: { 200: DeadLetterList },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'see failed event deliveries');
      return listDeadLetters(ctx.db, request.query);
    },
  );

  app.post(
    '/api/admin/dead-letters/:id/retry',
    {
      schema: {
        tags,
        summary: 'Give a dead letter one more attempt',
        description:
          'The delivery becomes pending and runs on the dispatcher’s next pass. It keeps its attempt count: if it fails again it is dead again.',
        params: IdParams,
        response: { 200: EventDelivery },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'retry failed event deliveries');
      const delivery = await retryDeadLetter(ctx.db, systemClock, request.params.id);
      ctx.dispatcher.kick();
      return delivery;
    },
  );

  app.post(
    '/api/admin/dead-letters/:id/discard',
    {
      schema: {
        tags,
        summary: 'Drop a dead letter for good',
        description: 'The delivery is kept as `discarded` for the record and never runs again.',
        params: IdParams,
        response: { 200: EventDelivery },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'discard failed event deliveries');
      return discardDeadLetter(ctx.db, systemClock, request.params.id);
    },
  );

  app.get(
    '/api/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Scheduled jobs with their cron, next and last run',
        querystring: z.object({}),
        response: { 200: JobList },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'see scheduled jobs');
      return listJobs(ctx);
    },
  );

  app.post(
    '/api/admin/jobs/:name/run',
    {
      schema: {
        tags,
        summary: 'Run a job now, optionally "as of" a business date',
        description:
          'Runs in this request and answers with the run (status `failed` with the error if the job failed). With `asOf` the job’s clock stands at 06:00 company time on that date.',
        params: JobParams,
        body: RunJobRequest.nullish(),
        response: { 200: JobRun },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'run jobs');
      const run = await runJob(ctx, request.params.name, { asOf: request.body?.asOf, trigger: 'api' });
      return toJobRun(run);
    },
  );

  app.get(
    '/api/admin/job-runs',
    {
      schema: {
        tags,
        summary: 'History of job runs, newest first',
        querystring: JobRunQuery,
        response: { 200: JobRunList },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'see job runs');
      return listJobRuns(ctx.db, request.query);
    },
  );

  app.get(
    '/api/admin/mail',
    {
      schema: {
        tags,
        summary: 'The mail outbox: queued, sent and failed e-mail, newest first',
        description: 'Without SMTP_URL mail is not sent and stays here with status `outbox`.',
        querystring: MailQuery,
        response: { 200: MailList },
      },
    },
    async (request) => {
      requirePermission(request, 'system.manage', 'read the mail outbox');
      return listMail(ctx.db, request.query);
    },
  );
}

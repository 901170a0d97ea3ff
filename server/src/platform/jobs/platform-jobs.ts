import type { AppContext } from '../context';
import { sendMailJob } from '../mail/send-mail.job';
import { pruneJob } from './prune.job';

/** The platform's own scheduled jobs, registered on every context next to the domains' jobs. */
export function registerPlatformJobs(ctx: Pick<AppContext, 'jobs'>): void {
  ctx.jobs.register(sendMailJob());
  ctx.jobs.register(pruneJob());
}

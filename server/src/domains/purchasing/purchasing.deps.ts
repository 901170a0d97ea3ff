import { businessDate, type Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';

/** What the purchasing services need from the platform (an AppContext, a job's or handler's context). */
export interface PurchasingDeps {
  db: Db;
  clock: Clock;
  config: { timezone: string };
}

/** Today in the company time zone. */
export const todayOf = (deps: Pick<PurchasingDeps, 'clock' | 'config'>) =>
  businessDate(deps.clock.now(), deps.config.timezone);

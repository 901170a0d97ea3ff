import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db/database';

/** What the inventory services need from the platform (an AppContext, or a handler's context). */
export interface InventoryDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'timezone'>;
}

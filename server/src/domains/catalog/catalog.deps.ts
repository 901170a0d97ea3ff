import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';

/** What the catalog services need from the platform (an AppContext, a job's or handler's context). */
export interface CatalogDeps {
  db: Db;
  clock: Clock;
}

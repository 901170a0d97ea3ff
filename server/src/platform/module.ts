import type { AppContext } from './context';
import type { PrincipalResolver } from './http/auth';
import type { App } from './http/types';

/**
 * What a domain plugs into the application. app.ts, worker.ts and cli.ts list the modules
 * explicitly, so what runs is readable in one place.
 */
export interface DomainModule {
  name: string;
  /** HTTP routes (API server only). */
  routes?(app: App, ctx: AppContext): void | Promise<void>;
  /** Event subscribers (wherever events are dispatched). */
  subscribers?(ctx: AppContext): void;
  /** Scheduled jobs. */
  jobs?(ctx: AppContext): void;
}

/** The identity domain additionally authenticates requests. */
export interface IdentityModule extends DomainModule {
  principalResolver(ctx: AppContext): PrincipalResolver;
}

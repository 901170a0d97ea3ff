import { identityModule } from './domains/identity';
import { MODULES } from './modules';
import { adminRoutes } from './platform/admin/admin.routes';
import { auditRoutes } from './platform/audit/audit.routes';
import type { AppContext } from './platform/context';
import { healthRoutes } from './platform/health.routes';
import { registerAuth } from './platform/http/auth';
import { registerIdempotency } from './platform/http/idempotency';
import { createHttpServer } from './platform/http/server';
import type { App } from './platform/http/types';
import { registerWebApp } from './platform/http/web';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The API server: platform plumbing, then each domain's routes, then the web app. */
export async function buildApp(ctx: AppContext, opts: { webDist?: string } = {}): Promise<App> {
  const app = await createHttpServer(ctx.log);
  registerAuth(app, identityModule.principalResolver(ctx));
  registerIdempotency(app, ctx.db, ctx.clock);
  // A change may have written events to the outbox: ask the dispatcher to deliver them now.
  app.addHook('onResponse', async (request) => {
    if (STATE_CHANGING.has(request.method)) ctx.dispatcher.kick();
  });

  healthRoutes(app, ctx);
  auditRoutes(app, ctx);
  adminRoutes(app, ctx);
  for (const module of MODULES) await module.routes?.(app, ctx);
  await registerWebApp(app, opts.webDist);
  return app;
}

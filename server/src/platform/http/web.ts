import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { problem, sendProblem } from './problem';
import type { App } from './types';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'web', 'dist');

/** Serves the built web app; unknown non-API paths get index.html so client routes survive a reload. */
export async function registerWebApp(app: App, dist = WEB_DIST) {
  const built = existsSync(join(dist, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: dist, wildcard: false, index: false });
  else app.log.warn(`web app not built (${dist}); run "npm run build:web" — serving the API only`);
  app.setNotFoundHandler((request, reply) => {
    if (!built || request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendProblem(
        reply,
        problem(404, `No route ${request.method} ${request.url.split('?')[0]}`, { code: 'route.not_found' }),
      );
    }
    return reply.type('text/html').sendFile('index.html');
  });
}

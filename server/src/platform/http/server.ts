import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { SCOPE_DOMAINS } from '../../../../contracts/api-scopes';
import { openApiTransform } from './openapi-examples';
import { errorHandler, problem } from './problem';
import { registerSecurityHeaders } from './security-headers';
import type { App } from './types';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * A Fastify instance with the platform's plumbing: zod validation and serialisation, OpenAPI 3.1,
 * security headers, cookies, the (opt-in per route) rate limiter, request ids and RFC 9457 errors.
 */
export async function createHttpServer(log: Logger): Promise<App> {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: process.env.TRUST_PROXY === '1',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      ...problem(429, `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds`, {
        code: 'request.rate_limited',
      }),
      statusCode: 429,
    }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kontor API',
        description:
          'Kontor CRM. Authenticate with the session cookie (web app; send X-CSRF-Token on changes) or `Authorization: Bearer <API token>`. Errors are RFC 9457 problem details. Lists take `limit` and `cursor` and answer `{ items, nextCursor }`. Edits carry `version`; a stale one is 409. POST accepts `Idempotency-Key`. Integration guide: docs/integrate.md.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: `An API token (\`kontor_…\`, made under API tokens in the app or with POST /api/api-tokens). A token may do what its user’s role allows AND its scopes cover: \`<domain>:read\` or \`<domain>:write\` (write includes read) for ${SCOPE_DOMAINS.join(', ')}. Otherwise 403 "This API token lacks the scope deals:write".`,
          },
          session: { type: 'apiKey', in: 'cookie', name: 'kontor_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: openApiTransform,
  });
  // The interactive docs are as public as /api/openapi.json (they only render it).
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) route.config = { ...route.config, public: true };
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}

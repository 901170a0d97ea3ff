import Fastify from 'fastify';

/** Baseline: the smallest Fastify JSON route, no plugins, no logging. PORT and HOST from the runner. */
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

await app.listen({ port: Number(process.env.PORT ?? 3100), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));

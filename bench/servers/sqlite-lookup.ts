import Database from 'better-sqlite3';
import Fastify from 'fastify';

/**
 * Baseline: bare Fastify + better-sqlite3, a prepared primary-key lookup on Kontor's users table
 * (BENCH_DB), the same columns the API returns. No auth, validation or serialisation schema.
 */
const file = process.env.BENCH_DB;
if (!file) throw new Error('BENCH_DB is not set');
const db = new Database(file, { readonly: true });
db.pragma('busy_timeout = 5000');
const byId = db.prepare(
  'SELECT id, email, name, role, locale, active, created_at, updated_at, version FROM users WHERE id = ?',
);

const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
  const row = byId.get(request.params.id);
  if (!row) return reply.status(404).send({ status: 404 });
  return row;
});

await app.listen({ port: Number(process.env.PORT ?? 3101), host: process.env.HOST ?? '127.0.0.1' });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));

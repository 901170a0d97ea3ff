import type { Clock } from '../clock';
import { type Db, isUniqueViolation } from '../db/database';
import { AppError } from './errors';
import {
  completeIdempotencyKey,
  deleteIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyKey,
} from './idempotency.repository';
import type { App } from './types';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyId: string | null;
  }
}

/**
 * `Idempotency-Key` on POST: the first request reserves the key, its response is stored; a retry
 * with the same key gets the stored response (header `Idempotent-Replayed: true`) and does nothing
 * again. A retry while the first is still running is a 409; a 5xx frees the key for a real retry.
 */
export function registerIdempotency(app: App, db: Db, clock: Clock) {
  app.decorateRequest('idempotencyId', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || key === undefined) return;
    if (typeof key !== 'string' || key.length < 1 || key.length > 200) {
      throw new AppError(
        'bad_request',
        'request.bad_idempotency_key',
        'Idempotency-Key must be 1 to 200 characters',
      );
    }
    const owner = request.principal?.credentialId ?? `ip:${request.ip}`;
    const id = `${owner}:${key}`;
    const path = request.url.split('?')[0] ?? request.url;
    try {
      await insertIdempotencyKey(db, {
        id,
        method: request.method,
        path,
        status_code: null,
        response_body: null,
        created_at: clock.now().toISOString(),
      });
      request.idempotencyId = id;
      return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    const first = await findIdempotencyKey(db, id);
    if (!first) throw new AppError('conflict', 'request.idempotency_in_progress', 'Retry in a moment');
    if (first.path !== path) {
      throw new AppError(
        'unprocessable',
        'request.idempotency_key_reused',
        `This Idempotency-Key was already used for ${first.method} ${first.path}; use a new key for a new request`,
      );
    }
    if (first.status_code === null) {
      throw new AppError(
        'conflict',
        'request.idempotency_in_progress',
        'A request with this Idempotency-Key is still being processed; retry in a moment',
      );
    }
    return reply
      .status(first.status_code)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(first.response_body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotencyId;
    if (!id) return payload;
    request.idempotencyId = null;
    if (reply.statusCode >= 500) await deleteIdempotencyKey(db, id);
    else await completeIdempotencyKey(db, id, reply.statusCode, typeof payload === 'string' ? payload : '');
    return payload;
  });
}

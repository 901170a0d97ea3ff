import type { TestSession } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** `app.inject` as a session, JSON in and out. */
export function requester(t: TestApp) {
  return (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
}

/** POSTs and expects a status; throws with the response body otherwise (keeps test failures readable). */
export function poster(t: TestApp) {
  const req = requester(t);
  return async <T = Record<string, unknown>>(
    s: TestSession,
    url: string,
    payload: object,
    status = 201,
  ): Promise<T> => {
    const res = await req(s, 'POST', url, payload);
    if (res.statusCode !== status)
      throw new Error(`POST ${url}: expected ${status}, got ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
}

/** Outbox events of a type, oldest first, with parsed payloads. */
export async function eventsOf(t: TestApp, type: string) {
  const rows = await t.ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('type', '=', type)
    .orderBy('id')
    .execute();
  return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
}

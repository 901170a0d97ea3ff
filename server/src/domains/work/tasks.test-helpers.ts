import type { Task } from '../../../../contracts/work';
import type { TestSession } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** `app.inject` as a session, JSON in and out. */
export function taskRequester(t: TestApp) {
  return (
    s: TestSession,
    method: Method,
    url: string,
    payload?: object,
    headers: Record<string, string> = {},
  ) => t.app.inject({ method, url, headers: { ...s.headers, ...headers }, ...(payload ? { payload } : {}) });
}

/** Creates a task through the API; throws with the response when it fails. */
export async function postTask(t: TestApp, s: TestSession, body: object): Promise<Task> {
  const res = await taskRequester(t)(s, 'POST', '/api/tasks', {
    type: 'todo',
    subject: 'Angebot nachfassen',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/tasks failed: ${res.statusCode} ${res.body}`);
  return res.json<Task>();
}

/** Outbox events of the types about a task, oldest first, with parsed payloads. */
export async function taskEvents(
  t: TestApp,
  taskId: string,
  types = ['task.created', 'task.assigned', 'task.completed'],
) {
  const rows = await t.ctx.db
    .selectFrom('outbox')
    .select(['type', 'payload'])
    .where('type', 'in', types)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as Record<string, unknown> }))
    .filter((e) => e.payload.taskId === taskId);
}

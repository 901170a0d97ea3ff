import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskType } from '../../../../contracts/work';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { postTask, taskRequester } from './tasks.test-helpers';

describe.each(DIALECTS)('task types (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof taskRequester>;
  let admin: TestSession;
  let sales: TestSession;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = taskRequester(t);
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales' });
  });
  afterAll(() => t?.close());

  const types = async () => (await req(sales, 'GET', '/api/task-types')).json<{ items: TaskType[] }>().items;

  it('starts with the six built-in types', async () => {
    expect((await types()).map((x) => [x.key, x.name, x.isActivity, x.builtin, x.archived])).toEqual([
      ['call', 'Anruf', true, true, false],
      ['meeting', 'Termin', true, true, false],
      ['email', 'E-Mail', true, true, false],
      ['todo', 'Aufgabe', false, true, false],
      ['collection', 'Inkasso', false, true, false],
      ['purchase_follow_up', 'Einkauf nachfassen', false, true, false],
    ]);
  });

  it('lets admins add types; others get 403 and a taken key is 409', async () => {
    const body = { key: 'site_visit', name: 'Vor-Ort-Besuch', isActivity: true, defaultDurationMinutes: 90 };
    expect((await req(sales, 'POST', '/api/task-types', body)).statusCode).toBe(403);
    const res = await req(admin, 'POST', '/api/task-types', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TaskType>()).toEqual({ ...body, builtin: false, position: 6, archived: false });
    expect((await req(admin, 'POST', '/api/task-types', body)).json()).toMatchObject({
      status: 409,
      code: 'task_type.key_taken',
      errors: [{ path: 'key' }],
    });
    const bad = await req(admin, 'POST', '/api/task-types', { key: 'Site Visit', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ path: string }> }>().errors[0]?.path).toBe('key');
    expect((await postTask(t, sales, { type: 'site_visit' })).typeName).toBe('Vor-Ort-Besuch');
  });

  it('renames and archives built-in types; archived types take no new tasks', async () => {
    const renamed = await req(admin, 'PATCH', '/api/task-types/email', { name: 'Mail' });
    expect(renamed.json<TaskType>()).toMatchObject({ key: 'email', name: 'Mail', builtin: true });
    expect((await req(sales, 'PATCH', '/api/task-types/email', { name: 'x' })).statusCode).toBe(403);
    await req(admin, 'PATCH', '/api/task-types/collection', { archived: true });
    expect((await types()).find((x) => x.key === 'collection')?.archived).toBe(true);
    const res = await req(sales, 'POST', '/api/tasks', { type: 'collection', subject: 'Mahnen' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'task.type_archived', errors: [{ path: 'type' }] });
    await req(admin, 'PATCH', '/api/task-types/collection', { archived: false });
    expect((await postTask(t, sales, { type: 'collection' })).typeName).toBe('Inkasso');
    expect((await req(admin, 'PATCH', '/api/task-types/nope', { name: 'x' })).statusCode).toBe(404);
  });

  it('deletes only unused types of one’s own', async () => {
    expect((await req(admin, 'DELETE', '/api/task-types/todo')).json()).toMatchObject({
      code: 'task_type.builtin',
    });
    expect((await req(admin, 'DELETE', '/api/task-types/site_visit')).json()).toMatchObject({
      code: 'task_type.in_use',
    });
    await req(admin, 'POST', '/api/task-types', { key: 'tmp', name: 'Temporär' });
    expect((await req(admin, 'DELETE', '/api/task-types/tmp')).statusCode).toBe(204);
    expect((await types()).some((x) => x.key === 'tmp')).toBe(false);
  });
});

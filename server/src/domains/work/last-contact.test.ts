import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LastContact } from '../../../../contracts/goals';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { makeCompany } from '../sales/sales-test-helpers';
import { postTask, taskRequester } from './tasks.test-helpers';

// the test clock: Thursday 2026-11-26, 10:00 in Berlin
describe.each(DIALECTS)('last contact per company (%s)', (dialect) => {
  let t: TestApp;
  let req: ReturnType<typeof taskRequester>;
  let admin: TestSession;
  let julia: TestSession;
  let lukas: TestSession;
  let hansen: string;
  let huber: string;
  let quiet: string;

  const lastContact = async (s: TestSession, ids: string[]) => {
    const res = await req(s, 'GET', `/api/activities/last-contact?companyIds=${ids.join(',')}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: LastContact[] }>().items;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    req = taskRequester(t);
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Anna Berg' });
    julia = await createUserAndLogin(t, { role: 'sales', name: 'Julia Schneider' });
    lukas = await createUserAndLogin(t, { role: 'sales', name: 'Lukas Wagner' });
    hansen = await makeCompany(t, 'Hansen Maschinenbau', julia);
    huber = await makeCompany(t, 'Huber Präzisionstechnik', lukas);
    quiet = await makeCompany(t, 'Stille Post GmbH', null);

    const logged = (s: TestSession, body: object) => postTask(t, s, { done: true, ...body });
    // Hansen: Julia called on the 10th and met them on the 20th; Anna (accounting lead) mailed on the 24th
    await logged(julia, {
      type: 'call',
      subject: 'Zahlung angefragt',
      companyId: hansen,
      completedAt: '2026-11-10T09:00:00.000Z',
    });
    await logged(julia, {
      type: 'meeting',
      subject: 'Termin vor Ort',
      companyId: hansen,
      completedAt: '2026-11-20T13:00:00.000Z',
    });
    await logged(admin, {
      type: 'email',
      subject: 'Mahnung erläutert',
      companyId: hansen,
      completedAt: '2026-11-24T08:30:00.000Z',
    });
    // not contacts: a done to-do later still, an open call, a cancelled meeting
    await logged(julia, {
      type: 'todo',
      subject: 'Akte geprüft',
      companyId: hansen,
      completedAt: '2026-11-25T08:00:00.000Z',
    });
    await postTask(t, julia, {
      type: 'call',
      subject: 'Nochmal anrufen',
      companyId: hansen,
      dueDate: '2026-11-30',
    });
    // Huber: one call by Lukas
    await logged(lukas, {
      type: 'call',
      subject: 'Rückruf',
      companyId: huber,
      completedAt: '2026-11-15T10:00:00.000Z',
    });
    // Stille Post: only an open task
    await postTask(t, admin, {
      type: 'call',
      subject: 'Erstkontakt',
      companyId: quiet,
      dueDate: '2026-12-01',
    });
  });
  afterAll(() => t?.close());

  it('gives the latest completed activity per company, with its kind and who did it', async () => {
    const items = await lastContact(admin, [hansen, huber, quiet]);
    expect(items).toHaveLength(2);
    const byCompany = new Map(items.map((i) => [i.companyId, i]));
    expect(byCompany.get(hansen)).toMatchObject({
      type: 'email',
      typeName: 'E-Mail',
      subject: 'Mahnung erläutert',
      completedAt: '2026-11-24T08:30:00.000Z',
      assigneeId: admin.user.id,
      assigneeName: 'Anna Berg',
    });
    expect(byCompany.get(huber)).toMatchObject({
      type: 'call',
      typeName: 'Anruf',
      completedAt: '2026-11-15T10:00:00.000Z',
    });
    expect(byCompany.has(quiet)).toBe(false);
  });

  it('counts only the activities the person may see (like the task list)', async () => {
    // Julia (sales, own scope) does not see Anna's e-mail: her meeting is the last contact she knows of
    const items = await lastContact(julia, [hansen, huber]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      companyId: hansen,
      type: 'meeting',
      completedAt: '2026-11-20T13:00:00.000Z',
    });
  });

  it('accepts duplicates and spaces, and answers an unknown company with nothing', async () => {
    const res = await req(
      admin,
      'GET',
      `/api/activities/last-contact?companyIds=${huber},%20${huber},019a0000-0000-7000-8000-000000000000`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json<{ items: LastContact[] }>().items.map((i) => i.companyId)).toEqual([huber]);
  });

  it('refuses a bad id, too many ids and a missing list with a 422 that names the problem', async () => {
    const bad = await req(admin, 'GET', '/api/activities/last-contact?companyIds=abc');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'work.invalid_company_ids', errors: [{ path: 'companyIds' }] });
    expect(bad.json().detail).toContain('"abc" is not a company id');

    const ids = Array.from(
      { length: 201 },
      (_, i) => `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    );
    const many = await req(admin, 'GET', `/api/activities/last-contact?companyIds=${ids.join(',')}`);
    expect(many.statusCode).toBe(422);
    expect(many.json().detail).toContain('At most 200');

    const none = await req(admin, 'GET', '/api/activities/last-contact');
    expect([400, 422]).toContain(none.statusCode);
  });

  it('needs a session', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/activities/last-contact?companyIds=${hansen}`,
    });
    expect(res.statusCode).toBe(401);
  });
});

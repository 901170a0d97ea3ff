import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '../../../../contracts/automation';
import { CreateCompany } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import type { Tx } from '../../platform/db/database';
import { createTestUser } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import type { ActionContext } from '../automation';
import { actionOf } from '../automation/registry';
import { createCompany } from '../companies';
import { teamOf } from './notifications-test-helpers';
import './automation';

type Assigned = { userId: string | null; teamId: string | null };

describe.each(DIALECTS)('work actions for rules: create_task, notify (%s)', (dialect) => {
  let t: TestApp;
  let anna: { id: string };
  let companyId: string;

  beforeEach(async () => {
    t = await createTestApp(dialect, { now: '2026-11-27T09:00:00.000Z' });
    anna = (await createTestUser(t, { role: 'sales', name: 'Anna Schmidt', locale: 'de' })).user;
    const company = await createCompany(
      t.ctx,
      systemActor('test'),
      CreateCompany.parse({ name: 'Müller GmbH', roles: ['customer'], ownerId: anna.id }),
    );
    companyId = company.id;
  });
  afterEach(() => t?.close());

  const context = (trx: Tx, assigned: Assigned, over: Partial<ActionContext> = {}): ActionContext => ({
    trx,
    clock: t.clock,
    config: t.ctx.config,
    log: t.ctx.log,
    actor: systemActor('rule:r1@2'),
    rule: { id: 'r1', name: 'Große Kunden', version: 2 },
    run: { id: 'run1', reason: 'weil Müller GmbH angelegt wurde', triggerKey: 'event:e1', eventId: null },
    actionRunId: 'action-run-1',
    actionIndex: 0,
    root: { type: 'company', id: companyId },
    scope: { company: { id: companyId, name: 'Müller GmbH' } },
    resolveAssignee: async () => assigned,
    render: (template) => template.replaceAll('{{company.name}}', 'Müller GmbH'),
    explanation: 'Regel „Große Kunden“: weil Müller GmbH angelegt wurde',
    ...over,
  });

  const createTask: Extract<Action, { kind: 'create_task' }> = {
    kind: 'create_task',
    taskType: 'call',
    subject: 'Anrufen: {{company.name}}',
    assignTo: { kind: 'owner' },
    dueInDays: 1,
    priority: 'high',
    reminder: 'default',
  };

  const run = <T>(fn: (trx: Tx) => Promise<T>) => t.ctx.db.transaction().execute(fn);

  it('create_task makes the task like the API does, linked and explained, once per action run', async () => {
    const impl = actionOf('create_task')!;
    const result = await run((trx) =>
      impl.execute(context(trx, { userId: anna.id, teamId: null }), createTask),
    );
    expect(result).toMatchObject({ entityType: 'task', label: 'Anrufen: Müller GmbH' });
    const task = await t.ctx.db
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', result!.entityId)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      type: 'call',
      subject: 'Anrufen: Müller GmbH',
      assignee_id: anna.id,
      company_id: companyId,
      due_date: '2026-11-28',
      priority: 'high',
      origin: 'rule',
      origin_ref: 'rule:action-run-1',
      origin_label: 'Regel „Große Kunden“: weil Müller GmbH angelegt wurde',
      created_by: null,
    });
    // the default reminder: the company default, 09:00 Berlin on the due date
    expect(task.reminder_at).toBe('2026-11-28T08:00:00.000Z');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'origin'])
      .where('entity_id', '=', task.id)
      .execute();
    expect(audit).toEqual([{ action: 'create', origin: 'rule:r1@2' }]);
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select(['type', 'origin'])
      .where('type', '=', 'task.created')
      .execute();
    expect(events).toEqual([{ type: 'task.created', origin: 'rule:r1@2' }]);

    // a retry of the same action run: the same task, no second one
    const again = await run((trx) =>
      impl.execute(context(trx, { userId: anna.id, teamId: null }), createTask),
    );
    expect(again?.entityId).toBe(task.id);
    const count = await t.ctx.db
      .selectFrom('tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('create_task goes to a team when only a team is found, and fails clearly when nobody is', async () => {
    const teamId = await teamOf(t, 'Vertrieb', [anna.id]);
    const impl = actionOf('create_task')!;
    const r = await run((trx) =>
      impl.execute(context(trx, { userId: null, teamId }, { actionRunId: 'ar-team' }), {
        ...createTask,
        reminder: 'none',
      }),
    );
    const task = await t.ctx.db
      .selectFrom('tasks')
      .select(['assignee_id', 'team_id', 'reminder_at'])
      .where('id', '=', r!.entityId)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ assignee_id: null, team_id: teamId, reminder_at: null });

    await expect(
      run((trx) =>
        impl.execute(context(trx, { userId: null, teamId: null }, { actionRunId: 'ar-x' }), createTask),
      ),
    ).rejects.toMatchObject({ code: 'automation.no_assignee' });
  });

  it('create_task validates the type and a fixed assignee, and describes what it would do', async () => {
    const impl = actionOf('create_task')!;
    expect(await impl.validate!(t.ctx.db, createTask, 'company')).toBeNull();
    expect(await impl.validate!(t.ctx.db, { ...createTask, taskType: 'nope' }, 'company')).toBe(
      'There is no task type "nope"',
    );
    expect(
      await impl.validate!(
        t.ctx.db,
        { ...createTask, assignTo: { kind: 'team', teamId: '01900000-0000-7000-8000-000000000000' } },
        'company',
      ),
    ).toMatch(/does not exist/);
    const { trx: _, ...base } = context(null as unknown as Tx, { userId: anna.id, teamId: null });
    expect(await impl.describe({ ...base, db: t.ctx.db }, createTask)).toEqual({
      description: 'Aufgabe „Anrufen: Müller GmbH“ für Anna Schmidt, fällig am 28.11.2026',
      problem: null,
    });
    const nobody = context(null as unknown as Tx, { userId: null, teamId: null });
    const described = await impl.describe({ ...nobody, db: t.ctx.db }, createTask);
    expect(described.description).toContain('für niemanden');
    expect(described.problem).toMatch(/Niemand/);
  });

  it('notify writes one notification per active team member in their language, once per action run', async () => {
    const john = (await createTestUser(t, { role: 'sales', name: 'John Smith', locale: 'en' })).user;
    const teamId = await teamOf(t, 'Innendienst', [anna.id, john.id]);
    const impl = actionOf('notify')!;
    const action: Extract<Action, { kind: 'notify' }> = {
      kind: 'notify',
      to: { kind: 'team', teamId },
      message: 'Neuer Kunde {{company.name}}',
    };
    const render = (template: string, locale: 'de' | 'en') =>
      `${locale}: ${template.replaceAll('{{company.name}}', 'Müller GmbH')}`;
    const result = await run((trx) =>
      impl.execute(context(trx, { userId: null, teamId }, { render }), action),
    );
    expect(result).toMatchObject({ entityType: 'notification' });
    const rows = await t.ctx.db
      .selectFrom('notifications')
      .select(['user_id', 'kind', 'title', 'body', 'link'])
      .orderBy('user_id')
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          user_id: anna.id,
          kind: 'rule_notification',
          title: 'de: Neuer Kunde Müller GmbH',
          body: 'Regel „Große Kunden“: weil Müller GmbH angelegt wurde',
          link: `/companies/${companyId}`,
        },
        expect.objectContaining({ user_id: john.id, title: 'en: Neuer Kunde Müller GmbH' }),
      ]),
    );
    expect(rows).toHaveLength(2);
    // the result names the first recipient's notification, on a retry too (read back then)
    const first = await t.ctx.db
      .selectFrom('notifications')
      .select(['id', 'title'])
      .where('id', '=', result?.entityId ?? '')
      .executeTakeFirstOrThrow();
    expect(result).toEqual({ entityType: 'notification', entityId: first.id, label: first.title });
    const again = await run((trx) =>
      impl.execute(context(trx, { userId: null, teamId }, { render }), action),
    );
    expect(again).toEqual(result);
    expect(await t.ctx.db.selectFrom('notifications').select('id').execute()).toHaveLength(2);
  });
});

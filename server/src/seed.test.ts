import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../contracts/automation';
import type { Team } from '../../contracts/identity';
import { DEMO_RULE } from './domains/automation/automation.seed';
import { seedDemo, seedIfEmpty } from './seed';
import { loginAs } from './testing/auth-helpers';
import { createTestApp, type TestApp } from './testing/test-app';
import { DIALECTS } from './testing/test-db';

describe.each(DIALECTS)('demo seed (%s)', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(() => t?.close());

  it('seeds an empty database once: one login per role, teams with members, audit and events', async () => {
    const seeded = await seedIfEmpty(t.ctx);
    expect(seeded?.logins.map((l) => [l.role, l.email])).toEqual([
      ['admin', 'admin@kontor.demo'],
      ['manager', 'manager@kontor.demo'],
      ['sales', 'sales@kontor.demo'],
      ['sales', 'sales2@kontor.demo'],
      ['accounting', 'accounting@kontor.demo'],
      ['purchasing', 'purchasing@kontor.demo'],
    ]);
    for (const l of seeded!.logins) expect(l.password.length).toBeGreaterThanOrEqual(10);

    const admin = seeded!.logins[0]!;
    const session = await loginAs(t, admin.email, admin.password);
    const teams = await t.app.inject({ method: 'GET', url: '/api/teams', headers: session.headers });
    const byName = Object.fromEntries(
      teams.json<{ items: Team[] }>().items.map((x) => [x.name, x.members.map((m) => m.email)]),
    );
    expect(byName).toEqual({
      Buchhaltung: ['accounting@kontor.demo'],
      Einkauf: ['purchasing@kontor.demo'],
      'Vertrieb & Inkasso': ['sales@kontor.demo', 'sales2@kontor.demo', 'accounting@kontor.demo'],
      'Vertrieb Nord': ['sales@kontor.demo', 'manager@kontor.demo'],
      'Vertrieb Süd': ['sales2@kontor.demo', 'manager@kontor.demo'],
    });

    const audit = await t.ctx.db.selectFrom('audit_log').select(['origin', 'entity_type']).execute();
    expect(audit.length).toBeGreaterThanOrEqual(6 + 4);
    // the seed's own changes, and what the handlers of its events did (delivered before it returns)
    // (a collection task is made by whichever of invoice.overdue / invoice.dunned is handled first)
    const origins = new Set(audit.map((a) => a.origin));
    expect(origins).toContain('seed');
    expect(
      [...origins].every((o) => ['seed', 'event:invoice.overdue', 'event:invoice.dunned'].includes(o!)),
    ).toBe(true);
    const created = await t.ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('type', '=', 'user.created')
      .execute();
    expect(created.length).toBe(6);

    // the overdue demo invoices already have their collection tasks for "Vertrieb & Inkasso"
    const settings = await t.ctx.db
      .selectFrom('billing_settings')
      .select('collections_team_id')
      .executeTakeFirstOrThrow();
    const team = teams.json<{ items: Team[] }>().items.find((x) => x.name === 'Vertrieb & Inkasso');
    expect(settings.collections_team_id).toBe(team!.id);
    const overdue = await t.ctx.db
      .selectFrom('invoices')
      .select('id')
      .where('overdue_at', 'is not', null)
      .execute();
    const collection = await t.ctx.db
      .selectFrom('tasks')
      .select(['invoice_id', 'team_id'])
      .where('type', '=', 'collection')
      .where('invoice_id', 'is not', null)
      .execute();
    expect(overdue.length).toBeGreaterThan(0);
    expect(collection.map((c) => c.invoice_id).sort()).toEqual(overdue.map((o) => o.id).sort());
    expect(new Set(collection.map((c) => c.team_id))).toEqual(new Set([team!.id]));

    // the example rule: there to read and try (a dry run plans the task and the mail), switched off
    const rules = await t.app.inject({ method: 'GET', url: '/api/rules', headers: session.headers });
    const example = rules.json<{ items: Rule[] }>().items.find((r) => r.name === DEMO_RULE);
    expect(example).toMatchObject({ enabled: false, builtin: null });
    expect(example!.actions.map((a) => a.kind)).toEqual(['create_task', 'send_email']);
    const dry = await t.app.inject({
      method: 'POST',
      url: `/api/rules/${example!.id}/dry-run`,
      headers: session.headers,
      payload: {},
    });
    expect(dry.statusCode, dry.body).toBe(200);
    const runs = await t.ctx.db
      .selectFrom('automation_runs')
      .select('id')
      .where('rule_id', '=', example!.id)
      .execute();
    expect(runs).toEqual([]);

    expect(await seedIfEmpty(t.ctx)).toBeNull();
    // the whole demo company: ~45 s on PostgreSQL on a busy two-core machine
  }, 120_000);

  it('seedDemo is idempotent: a second run creates nothing', async () => {
    const countOf = async () => ({
      users: (await t.ctx.db.selectFrom('users').selectAll().execute()).length,
      teams: (await t.ctx.db.selectFrom('teams').selectAll().execute()).length,
      members: (await t.ctx.db.selectFrom('team_members').selectAll().execute()).length,
      audit: (await t.ctx.db.selectFrom('audit_log').selectAll().execute()).length,
      rules: (await t.ctx.db.selectFrom('automation_rules').selectAll().execute()).length,
      templates: (await t.ctx.db.selectFrom('automation_email_templates').selectAll().execute()).length,
    });
    const before = await countOf();
    const again = await seedDemo(t.ctx);
    expect(again.logins).toEqual([]);
    expect(await countOf()).toEqual(before);
  }, 120_000);
});

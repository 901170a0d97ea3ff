import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LostReason, Pipeline } from '../../../../contracts/sales';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';

const STAGES = [
  { name: 'Erstkontakt', probability: 10, kind: 'open' },
  { name: 'Angebot', probability: 50, kind: 'open' },
  { name: 'Gewonnen', probability: 100, kind: 'won' },
  { name: 'Verloren', probability: 0, kind: 'lost' },
] as const;

describe.each(DIALECTS)('pipelines (%s)', (dialect) => {
  let t: TestApp;
  let manager: TestSession;
  let sales: TestSession;

  const req = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    manager = await createUserAndLogin(t, { role: 'manager' });
    sales = await createUserAndLogin(t, { role: 'sales' });
  });
  afterAll(() => t?.close());

  it('every installation has the default pipeline "Vertrieb" and the standard lost reasons', async () => {
    const res = await req(sales, 'GET', '/api/pipelines');
    expect(res.statusCode).toBe(200);
    const [vertrieb] = res.json<{ items: Pipeline[] }>().items;
    expect(vertrieb).toMatchObject({ name: 'Vertrieb', isDefault: true, version: 1 });
    expect(vertrieb!.stages.map((s) => [s.name, s.probability, s.kind, s.position])).toEqual([
      ['Lead', 10, 'open', 0],
      ['Qualifiziert', 25, 'open', 1],
      ['Angebot', 50, 'open', 2],
      ['Verhandlung', 75, 'open', 3],
      ['Gewonnen', 100, 'won', 4],
      ['Verloren', 0, 'lost', 5],
    ]);
    const reasons = (await req(sales, 'GET', '/api/lost-reasons')).json<{ items: LostReason[] }>();
    expect(reasons.items.map((r) => r.name)).toEqual([
      'Preis',
      'Wettbewerber',
      'Kein Budget',
      'Kein Bedarf',
      'Timing',
    ]);

    const added = await req(manager, 'POST', '/api/lost-reasons', { name: 'Lieferzeit' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Lieferzeit', position: 5 });
    expect((await req(manager, 'POST', '/api/lost-reasons', { name: 'lieferzeit' })).statusCode).toBe(409);
    expect((await req(sales, 'POST', '/api/lost-reasons', { name: 'Sonstiges' })).statusCode).toBe(403);
  });

  it('validates the stage list with messages per field', async () => {
    const bad = async (stages: object[], path: string, message: RegExp) => {
      const res = await req(manager, 'POST', '/api/pipelines', { name: 'Falsch', stages });
      expect(res.statusCode, JSON.stringify(stages)).toBe(400);
      const errors = res.json<{ errors: Array<{ path: string; message: string }> }>().errors;
      expect(
        errors.some((e) => e.path === path && message.test(e.message)),
        JSON.stringify(errors),
      ).toBe(true);
    };
    await bad([STAGES[0], STAGES[1], STAGES[3]], 'stages', /exactly one won stage \(found 0\)/);
    await bad([STAGES[0], STAGES[2], STAGES[2], STAGES[3]], 'stages', /exactly one won stage \(found 2\)/);
    await bad(
      [STAGES[2], STAGES[3], { name: 'X', probability: 0, kind: 'lost' }],
      'stages',
      /at least one open stage/,
    );
    await bad([STAGES[2], STAGES[0], STAGES[3]], 'stages.1.kind', /open stages first/);
    await bad([STAGES[0], { ...STAGES[2], probability: 90 }, STAGES[3]], 'stages.1.probability', /100 %/);
    await bad(
      [STAGES[0], { ...STAGES[0], name: 'erstkontakt' }, STAGES[2], STAGES[3]],
      'stages.1.name',
      /already a stage/,
    );
    await bad([{ ...STAGES[0], probability: 120 }, STAGES[2], STAGES[3]], 'stages.0.probability', /100/);
    await bad(
      [{ ...STAGES[0], probability: 12.5 }, STAGES[2], STAGES[3]],
      'stages.0.probability',
      /whole percentage/,
    );
  });

  it('creates pipelines, switches the default, edits stages (add, rename, reorder, probability)', async () => {
    const created = await req(manager, 'POST', '/api/pipelines', { name: 'Service', stages: STAGES });
    expect(created.statusCode).toBe(201);
    const service = created.json<Pipeline>();
    expect(service).toMatchObject({ name: 'Service', isDefault: false, version: 1 });
    expect(
      (await req(manager, 'POST', '/api/pipelines', { name: 'service', stages: STAGES })).statusCode,
    ).toBe(409);
    expect((await req(sales, 'POST', '/api/pipelines', { name: 'Meins', stages: STAGES })).statusCode).toBe(
      403,
    );

    const [first, offer, won, lost] = service.stages;
    const edited = await req(manager, 'PATCH', `/api/pipelines/${service.id}`, {
      version: 1,
      name: 'Service & Wartung',
      isDefault: true,
      stages: [
        { id: offer!.id, name: 'Angebot erstellt', probability: 40, kind: 'open' },
        { id: first!.id, name: 'Erstkontakt', probability: 10, kind: 'open' },
        { name: 'Verhandlung', probability: 70, kind: 'open' },
        { id: won!.id, name: 'Gewonnen', probability: 100, kind: 'won' },
        { id: lost!.id, name: 'Verloren', probability: 0, kind: 'lost' },
      ],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const after = edited.json<Pipeline>();
    expect(after).toMatchObject({ name: 'Service & Wartung', isDefault: true, version: 2 });
    expect(after.stages.map((s) => [s.name, s.probability, s.position])).toEqual([
      ['Angebot erstellt', 40, 0],
      ['Erstkontakt', 10, 1],
      ['Verhandlung', 70, 2],
      ['Gewonnen', 100, 3],
      ['Verloren', 0, 4],
    ]);
    expect(after.stages[0]!.id).toBe(offer!.id);

    const list = (await req(sales, 'GET', '/api/pipelines')).json<{ items: Pipeline[] }>().items;
    expect(list.map((p) => [p.name, p.isDefault])).toEqual([
      ['Service & Wartung', true],
      ['Vertrieb', false],
    ]);

    const stale = await req(manager, 'PATCH', `/api/pipelines/${service.id}`, { version: 1, name: 'Alt' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'pipeline.stale_version' });

    const foreign = list.find((p) => p.name === 'Vertrieb')!.stages[0]!;
    const unknown = await req(manager, 'PATCH', `/api/pipelines/${service.id}`, {
      version: 2,
      stages: [{ id: foreign.id, name: 'Lead', probability: 10, kind: 'open' }, STAGES[2], STAGES[3]],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].path).toBe('stages.0.id');

    // back to Vertrieb as the default
    const vertrieb = list.find((p) => p.name === 'Vertrieb')!;
    const back = await req(manager, 'PATCH', `/api/pipelines/${vertrieb.id}`, {
      version: vertrieb.version,
      isDefault: true,
    });
    expect(back.json()).toMatchObject({ isDefault: true });
    const audit = await req(manager, 'GET', `/api/audit?entityType=pipeline&entityId=${service.id}`);
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual([
      'update',
      'update',
      'create',
    ]);
  });
});

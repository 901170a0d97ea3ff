import { CreateCompany, CreateContact } from '../../../../contracts/companies';
import type { DealDetail, Pipeline } from '../../../../contracts/sales';
import { type Actor, systemActor } from '../../platform/actor';
import type { TestSession } from '../../testing/auth-helpers';
import type { TestApp } from '../../testing/test-app';
import { createCompany, createContact } from '../companies';

/** The signed-in user of a test session as an actor (for calling services directly). */
export function actorOfSession(s: TestSession): Actor {
  return {
    userId: s.user.id,
    name: s.user.name,
    role: s.user.role,
    teamIds: s.me.teams.map((x) => x.id),
    origin: null,
  };
}

/** A company owned by `owner` (visible to them), created through the companies service. */
export async function makeCompany(t: TestApp, name: string, owner: TestSession | null): Promise<string> {
  const company = await createCompany(
    t.ctx,
    owner ? actorOfSession(owner) : systemActor('test'),
    CreateCompany.parse({ name, roles: ['prospect'], ownerId: owner?.user.id ?? null }),
    { allowDuplicate: true },
  );
  return company.id;
}

export async function makeContact(t: TestApp, companyId: string, lastName: string): Promise<string> {
  const contact = await createContact(
    t.ctx,
    systemActor('test'),
    CreateContact.parse({ companyId, lastName }),
    {
      allowDuplicate: true,
    },
  );
  return contact.id;
}

type Method = 'GET' | 'POST' | 'PATCH';

/** `app.inject` as a session, JSON in and out. */
export function requester(t: TestApp) {
  return (s: TestSession, method: Method, url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
}

/** The default pipeline and its stages by name. */
export async function defaultPipeline(t: TestApp, s: TestSession) {
  const res = await requester(t)(s, 'GET', '/api/pipelines');
  const pipeline = res.json<{ items: Pipeline[] }>().items.find((p) => p.isDefault)!;
  const stage = Object.fromEntries(pipeline.stages.map((x) => [x.name, x.id])) as Record<
    'Lead' | 'Qualifiziert' | 'Angebot' | 'Verhandlung' | 'Gewonnen' | 'Verloren',
    string
  >;
  return { pipeline, stage };
}

/** Creates a deal through the API; throws with the response when it fails. */
export async function postDeal(t: TestApp, s: TestSession, body: object): Promise<DealDetail> {
  const res = await requester(t)(s, 'POST', '/api/deals', { expectedCloseDate: '2026-12-31', ...body });
  if (res.statusCode !== 201) throw new Error(`POST /api/deals failed: ${res.statusCode} ${res.body}`);
  return res.json<DealDetail>();
}

/** Outbox events of the types, oldest first, with parsed payloads. */
export async function outboxEvents(t: TestApp, types: string[], dealId?: string) {
  const rows = await t.ctx.db
    .selectFrom('outbox')
    .select(['type', 'payload'])
    .where('type', 'in', types)
    .orderBy('id')
    .execute();
  return rows
    .map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as Record<string, unknown> }))
    .filter((e) => !dealId || e.payload.dealId === dealId);
}

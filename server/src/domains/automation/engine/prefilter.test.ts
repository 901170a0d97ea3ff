import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONDITION_OPS,
  type Condition,
  type ConditionOp,
  type Conditions,
} from '../../../../../contracts/automation';
import type { DomainEvent } from '../../../../../contracts/events';
import type { DbOrTx } from '../../../platform/db/database';
import { createUserAndLogin, type TestSession } from '../../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../../testing/test-app';
import { DIALECTS } from '../../../testing/test-db';
import { defaultPipeline, makeCompany, postDeal } from '../../sales/sales-test-helpers';
import { conditionsHold } from './conditions';
import { eventsThatMayStartRuns } from './prefilter';
import type { EngineRule } from './rule-definition';
import { loadScopes } from './scope';

/**
 * The pre-check may let events through that no rule takes, never drop one a rule takes: every
 * operator on text and number columns of the deal and its company, with values where SQL and
 * JavaScript could part (case, surrounding spaces, umlauts, tabs, a no-break space, the Kelvin sign
 * JavaScript lowercases to "k", empty text, null, numbers as text), each rule alone and many at once,
 * against conditions.ts; then what is decided in JavaScript (event conditions, field filters, and/or
 * nesting, more flags than one integer holds) and a related record that is missing.
 */
const TEXT_VALUES: Condition['value'][] = [
  'müller gmbh',
  'MÜLLER GMBH',
  ' maschinenbau ag ',
  'maschinenbau',
  'Straße',
  'STRASSE',
  'nord',
  'kelvin k bau',
  '',
  null,
  5,
  ['müller gmbh', 'Maschinenbau AG'],
  ['ÖL & GAS'],
  [],
];
const NUMBER_VALUES: Condition['value'][] = [0, 50, 1_000_000, 2_500_000, '2500000', null];
const FIELDS: Array<{ field: string; values: Condition['value'][] }> = [
  { field: 'company.name', values: TEXT_VALUES },
  { field: 'company.industry', values: TEXT_VALUES },
  { field: 'company.city', values: TEXT_VALUES },
  { field: 'deal.title', values: TEXT_VALUES },
  { field: 'deal.amountCents', values: NUMBER_VALUES },
  { field: 'company.employees', values: NUMBER_VALUES },
];

describe.each(DIALECTS)('the SQL pre-check of rule conditions (%s)', (dialect) => {
  let t: TestApp;
  let admin: TestSession;
  let events: DomainEvent[];
  let companyIds: string[];
  let stageId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: '2026-11-26T09:00:00.000Z' });
    admin = await createUserAndLogin(t, { role: 'admin', name: 'Katrin Hoffmann' });
    const { stage } = await defaultPipeline(t, admin);
    stageId = stage.Lead;
    const companies: Array<[string, string | null, string | null, number | null]> = [
      ['Müller GmbH', 'Maschinenbau', 'Straße', 50],
      ['  maschinenbau AG ', '\tnord', 'STRASSE', null],
      ['ÖL & Gas', '', null, 0],
      ['MÜLLER GMBH', 'ÖL & GAS', ' Nord ', 2_500_000],
      ['Kelvin \u212a Bau', '\u00a0nord', 'nord\u00a0', 7],
    ];
    events = [];
    companyIds = [];
    for (const [i, [name, industry, city, employees]] of companies.entries()) {
      const id = await makeCompany(t, name, admin);
      companyIds.push(id);
      await t.ctx.db
        .updateTable('companies')
        .set({ industry, city, employees })
        .where('id', '=', id)
        .execute();
      for (const [j, [title, amountCents]] of [
        [name, 2_500_000],
        ['Straße', 0],
        ['maschinenbau ag', 1_000_000],
      ].entries()) {
        const deal = await postDeal(t, admin, { title, companyId: id, amountCents, stageId: stage.Lead });
        events.push({
          id: `e${i}${j}`,
          type: 'deal.updated',
          payload: { dealId: deal.id, companyId: id, changed: j === 0 ? ['amountCents'] : ['title'] },
          occurredAt: '2026-11-26T09:00:00.000Z',
          actorId: null,
          origin: null,
        });
      }
    }
  });
  afterAll(() => t?.close());

  const ruleOf = (n: number, conditions: Conditions, fields?: string[]): EngineRule => ({
    id: `rule-${n}`,
    name: `Regel ${n}`,
    version: 1,
    trigger: { kind: 'event', event: 'deal.updated', ...(fields ? { fields } : {}) },
    conditions,
    actions: [],
  });
  /** As the engine's: the payload's id when it is text, else none. */
  const idOf = (e: DomainEvent) => {
    const id = (e.payload as { dealId?: unknown }).dealId;
    return typeof id === 'string' ? id : null;
  };

  /** The events a rule takes, by conditions.ts on the records as the engine loads them. */
  async function taken(rules: EngineRule[]): Promise<Set<string>> {
    const scopes = await loadScopes(
      t.ctx.db,
      'deal',
      events.map((e) => idOf(e) ?? ''),
    );
    const out = new Set<string>();
    for (const e of events) {
      const scope = { ...scopes.get(idOf(e) ?? ''), event: e.payload as Record<string, unknown> };
      for (const rule of rules) {
        const fields = rule.trigger.kind === 'event' ? rule.trigger.fields : undefined;
        const changed = (e.payload as { changed: string[] }).changed;
        if (fields && !changed.some((f) => fields.includes(f))) continue;
        if (conditionsHold(rule.conditions, scope)) out.add(e.id);
      }
    }
    return out;
  }
  const passed = async (rules: EngineRule[]) =>
    new Set((await eventsThatMayStartRuns(t.ctx.db, dialect, 'deal', rules, events, idOf)).map((e) => e.id));

  const rules: EngineRule[] = [];
  for (const { field, values } of FIELDS)
    for (const op of CONDITION_OPS)
      for (const value of values)
        rules.push(ruleOf(rules.length, { match: 'all', items: [{ field, op, value } as Condition] }));

  it('lets through every event a rule of one condition takes, and drops others', async () => {
    for (const rule of rules) {
      const want = await taken([rule]);
      const got = await passed([rule]);
      for (const id of want) expect(got, JSON.stringify(rule.conditions.items[0])).toContain(id);
    }
    // and it drops: numbers and ASCII text are decided in SQL (also a tab JavaScript's trim()
    // removes); text with other characters ("Straße", a no-break space) is left to JavaScript
    let n = 2000;
    const only = async (field: string, op: ConditionOp, value: Condition['value']) =>
      [...(await passed([ruleOf(n++, { match: 'all', items: [{ field, op, value } as Condition] })]))].sort();
    expect(await only('deal.amountCents', 'gte', 2_500_000)).toEqual(['e00', 'e10', 'e20', 'e30', 'e40']);
    expect(await only('company.city', 'eq', 'NORD')).toEqual(
      ['e00', 'e01', 'e02', 'e30', 'e31', 'e32', 'e40', 'e41', 'e42'].sort(),
    );
    expect(await only('company.employees', 'is_empty', null)).toEqual(['e10', 'e11', 'e12']);
    expect(await only('company.industry', 'eq', 'NORD')).toEqual(
      ['e10', 'e11', 'e12', 'e30', 'e31', 'e32', 'e40', 'e41', 'e42'].sort(),
    );
    expect(await only('company.industry', 'eq', 'maschinenbau')).toEqual(
      ['e00', 'e01', 'e02', 'e30', 'e31', 'e32', 'e40', 'e41', 'e42'].sort(),
    );
  });

  it('decides event conditions, field filters and groups, with all rules at once', async () => {
    const combined = [
      ...rules.slice(0, 60),
      ruleOf(1000, {
        match: 'any',
        items: [
          { field: 'event.companyId', op: 'eq', value: 'none' },
          {
            match: 'all',
            items: [
              { field: 'deal.amountCents', op: 'gte', value: 1_000_000 },
              { field: 'company.industry', op: 'contains', value: 'nord' },
            ],
          },
        ],
      }),
      ruleOf(1001, { match: 'all', items: [{ field: 'deal.title', op: 'eq', value: 'straße' }] }, ['title']),
      ruleOf(1002, { match: 'all', items: [{ field: 'owner.name', op: 'eq', value: 'Katrin Hoffmann' }] }, [
        'ownerId',
      ]),
    ];
    const want = await taken(combined);
    const got = await passed(combined);
    for (const id of want) expect(got).toContain(id);
    // a field filter no event passes, with a condition SQL cannot decide: no event
    expect(await passed([combined.at(-1)!])).toEqual(new Set());
    // event condition or record conditions: the deals of 1,000,000 cents or more at "\tnord" and at
    // "\u00a0nord" (taken), and at "ÖL & GAS" (its umlaut leaves the text to JavaScript)
    const group = await passed([combined.at(-3)!]);
    for (const id of await taken([combined.at(-3)!])) expect(group).toContain(id);
    expect([...group].sort()).toEqual(['e10', 'e12', 'e30', 'e32', 'e40', 'e42']);
  });

  it('keeps the flags of many rules apart (more than one integer holds)', async () => {
    // 35 rules whose event condition no event meets (52 flags with their field filters), then three
    // rules whose flags stand past the first integer
    const [, , c2, c3, c4] = companyIds as [string, string, string, string, string];
    const many = [
      ...Array.from({ length: 35 }, (_, k) =>
        ruleOf(
          1100 + k,
          {
            match: 'all',
            items: [
              { field: 'event.companyId', op: 'eq', value: `none-${k}` },
              { field: 'deal.amountCents', op: 'gte', value: 0 },
            ],
          },
          k % 2 ? ['title'] : undefined,
        ),
      ),
      // the third company's title changes of 1,000,000 cents or more
      ruleOf(
        1135,
        {
          match: 'all',
          items: [
            { field: 'event.companyId', op: 'eq', value: c2 },
            { field: 'deal.amountCents', op: 'gte', value: 1_000_000 },
          ],
        },
        ['title'],
      ),
      // the fourth company's deals of 2,000,000 cents or more
      ruleOf(1136, {
        match: 'all',
        items: [
          { field: 'event.companyId', op: 'in', value: [c3, 'other'] },
          { field: 'deal.amountCents', op: 'gte', value: 2_000_000 },
        ],
      }),
      // the fifth company's title changes, whatever the record
      ruleOf(
        1137,
        {
          match: 'any',
          items: [
            { field: 'event.companyId', op: 'eq', value: c4 },
            { field: 'deal.amountCents', op: 'eq', value: 123 },
          ],
        },
        ['title'],
      ),
    ];
    const want = await taken(many);
    expect([...want].sort()).toEqual(['e22', 'e30', 'e41', 'e42']);
    expect([...(await passed(many))].sort()).toEqual([...want].sort());
  });

  /** A database no query may reach: the events are decided in JavaScript alone. */
  const noQueries = new Proxy(
    {},
    {
      get() {
        throw new Error('a query where JavaScript decides');
      },
    },
  ) as DbOrTx;

  it('decides in JavaScript, without a query, what the events themselves decide', async () => {
    const [c0, c1] = companyIds as [string, string];
    const rules = [
      // an event condition no event meets, before a record condition: no event
      ruleOf(3000, {
        match: 'all',
        items: [
          { field: 'event.companyId', op: 'eq', value: 'none' },
          { field: 'deal.title', op: 'eq', value: 'Straße' },
        ],
      }),
      // the first company's events: certain whatever the record; the others': impossible
      ruleOf(3001, {
        match: 'any',
        items: [
          {
            match: 'all',
            items: [
              { field: 'event.companyId', op: 'eq', value: 'none' },
              { field: 'deal.title', op: 'eq', value: 'none' },
            ],
          },
          { match: 'all', items: [{ field: 'event.companyId', op: 'eq', value: ` ${c0.toUpperCase()} ` }] },
        ],
      }),
      // a field filter no event passes
      ruleOf(3002, { match: 'all', items: [{ field: 'deal.amountCents', op: 'gte', value: 0 }] }, [
        'ownerId',
      ]),
    ];
    const got = new Set(
      (await eventsThatMayStartRuns(noQueries, dialect, 'deal', rules, events, idOf)).map((e) => e.id),
    );
    expect([...got].sort()).toEqual(['e00', 'e01', 'e02']);
    for (const id of await taken(rules)) expect(got).toContain(id);
    // an empty group holds (as in conditions.ts): every event but the second company's three
    const empty = ruleOf(3003, {
      match: 'all',
      items: [
        { field: 'event.companyId', op: 'neq', value: c1 },
        { match: 'any', items: [] },
      ],
    });
    expect(await eventsThatMayStartRuns(noQueries, dialect, 'deal', [empty], events, idOf)).toHaveLength(12);
    // no id of the root record: no event
    const noId = events.map((e) => ({ ...e, payload: { changed: ['title'] } }) as DomainEvent);
    expect(await eventsThatMayStartRuns(noQueries, dialect, 'deal', [empty], noId, idOf)).toEqual([]);
  });

  it('leaves to SQL the record conditions an event leaves open, in any nesting of all and any', async () => {
    const [, c1, c2, c3] = companyIds as [string, string, string, string];
    const rules = [
      // the second company's events: its industry "\tnord" is "nord" to both; the others dropped in JavaScript
      ruleOf(3100, {
        match: 'all',
        items: [
          { field: 'event.companyId', op: 'eq', value: c1 },
          {
            match: 'any',
            items: [
              { field: 'company.industry', op: 'eq', value: 'NORD' },
              { field: 'deal.amountCents', op: 'gte', value: 10_000_000 },
            ],
          },
        ],
      }),
      ruleOf(3101, {
        match: 'any',
        items: [
          {
            match: 'all',
            items: [
              { field: 'event.companyId', op: 'eq', value: c2 },
              { field: 'deal.amountCents', op: 'gte', value: 2_500_000 },
            ],
          },
          {
            match: 'all',
            items: [
              { field: 'company.city', op: 'eq', value: 'nord' },
              { field: 'event.companyId', op: 'in', value: [c3, 'other'] },
            ],
          },
        ],
      }),
    ];
    const want = await taken(rules);
    expect([...want].sort()).toEqual(['e10', 'e11', 'e12', 'e20', 'e30', 'e31', 'e32']);
    // exact: the second company's other deals and the third's small ones are dropped in SQL
    expect([...(await passed(rules))].sort()).toEqual([...want].sort());
    // the same rules for the first company's events alone: decided in JavaScript
    const first = events.filter((e) => e.id.startsWith('e0'));
    expect(await eventsThatMayStartRuns(noQueries, dialect, 'deal', rules, first, idOf)).toEqual([]);
  });

  it('decides the conditions on a missing related record as conditions.ts does for no value', async () => {
    const deal = await postDeal(t, admin, { title: 'Ohne Firma', companyId: companyIds[0], stageId });
    await t.ctx.db.updateTable('deals').set({ company_id: 'gone' }).where('id', '=', deal.id).execute();
    const event: DomainEvent = {
      ...events[0]!,
      id: 'gone',
      payload: { dealId: deal.id, changed: ['title'] },
    };
    const one = async (n: number, op: ConditionOp, value?: Condition['value']) => {
      const rule = ruleOf(n, {
        match: 'all',
        items: [
          { field: 'deal.amountCents', op: 'is_empty' },
          { field: 'company.segmentId', op, ...(value !== undefined ? { value } : {}) } as Condition,
        ],
      });
      const any = { ...rule, conditions: { match: 'any' as const, items: rule.conditions.items } };
      return (await eventsThatMayStartRuns(t.ctx.db, dialect, 'deal', [any], [event], idOf)).length;
    };
    expect(await one(3200, 'is_empty')).toBe(1);
    expect(await one(3201, 'neq', 'x')).toBe(1);
    expect(await one(3202, 'eq', 'x')).toBe(0);
    expect(await one(3203, 'is_not_empty')).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Action, Conditions } from '../../../../../contracts/automation';
import { conditionsHold, evaluateConditions } from './conditions';
import { scopeNeeds } from './needed-relations';
import type { EngineRule } from './rule-definition';

const rule = (conditions: Conditions, actions: Action[]): EngineRule => ({
  id: 'r1',
  name: 'R',
  version: 1,
  trigger: { kind: 'event', event: 'deal.updated' } as EngineRule['trigger'],
  conditions,
  actions,
});

const notify: Action = {
  kind: 'notify',
  to: { kind: 'owner' },
  message: 'Deal {{deal.title}} bei {{company.name}}',
};

describe('scopeNeeds (what the engine loads for a batch)', () => {
  it('names the related records and fields the conditions and action texts read', () => {
    const needs = scopeNeeds(
      [
        rule(
          {
            match: 'all',
            items: [
              { field: 'deal.amountCents', op: 'gte', value: 100 },
              { match: 'any', items: [{ field: 'company.segmentName', op: 'eq', value: 'Industrie' }] },
            ],
          },
          [notify],
        ),
      ],
      'deal.updated',
    );
    expect(needs && [...needs.relations].sort()).toEqual(['company', 'deal']);
    expect(needs && [...(needs.fields.get('company') ?? [])].sort()).toEqual(['name', 'segmentName']);
  });

  it('adds the stage for a stage change (the reason names it)', () => {
    const needs = scopeNeeds([rule({ match: 'all', items: [] }, [notify])], 'deal.stage_changed');
    expect(needs?.relations.has('stage')).toBe(true);
  });

  it('loads everything for actions that read the whole scope or a stored template', () => {
    const hook: Action = { kind: 'call_webhook', webhookId: '01900000-0000-7000-8000-000000000000' };
    expect(scopeNeeds([rule({ match: 'all', items: [] }, [notify, hook])], 'deal.updated')).toBeNull();
    const mail = {
      kind: 'send_email',
      templateId: '01900000-0000-7000-8000-000000000000',
      to: { kind: 'owner' },
    } as Action;
    expect(scopeNeeds([rule({ match: 'all', items: [] }, [mail])], 'deal.updated')).toBeNull();
  });
});

describe('conditionsHold (the fast check before a run is explained)', () => {
  const scope = { deal: { amountCents: 500, title: 'Pumpe' }, company: { segmentName: 'Handel' } };
  const cases: Conditions[] = [
    { match: 'all', items: [] },
    { match: 'any', items: [] },
    { match: 'all', items: [{ field: 'deal.amountCents', op: 'gt', value: 100 }] },
    {
      match: 'all',
      items: [
        { field: 'deal.amountCents', op: 'gt', value: 100 },
        { field: 'company.segmentName', op: 'eq', value: 'industrie' },
      ],
    },
    {
      match: 'any',
      items: [
        { field: 'company.segmentName', op: 'eq', value: 'industrie' },
        { match: 'all', items: [{ field: 'deal.title', op: 'contains', value: 'pump' }] },
      ],
    },
    {
      match: 'all',
      items: [
        { match: 'any', items: [] },
        { field: 'owner.name', op: 'is_empty' },
      ],
    },
  ];
  it.each(cases.map((c, i) => [i, c] as const))('agrees with evaluateConditions (case %i)', (_i, c) => {
    expect(conditionsHold(c, scope)).toBe(evaluateConditions(c, scope).passed);
  });
});

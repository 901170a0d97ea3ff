import { describe, expect, it } from 'vitest';
import { RuleDefinition } from '../../../../../contracts/automation';
import {
  cronOf,
  definitionOf,
  EMPTY_DRAFT,
  errorAt,
  errorsUnder,
  eurosToCents,
  fieldGroup,
  minutesOf,
  move,
  newAction,
  opsFor,
  presetOf,
  rootRecordType,
  waitOf,
} from './rule-values';

describe('rule editor values', () => {
  it('turns euros as typed into integer cents', () => {
    expect(eurosToCents(10000)).toBe(1_000_000);
    expect(eurosToCents(0.1 + 0.2)).toBe(30);
    expect(eurosToCents('10.000,50')).toBe(1_000_050);
    expect(eurosToCents('12.5')).toBe(1250);
    expect(eurosToCents('abc')).toBeNull();
    expect(eurosToCents('')).toBeNull();
  });

  it('builds schedules from presets and reads them back', () => {
    const weekly = cronOf({ frequency: 'weekly', time: '08:30', weekday: 1, monthDay: 1 });
    expect(weekly).toBe('30 8 * * 1');
    expect(presetOf(weekly)).toMatchObject({ frequency: 'weekly', time: '08:30', weekday: 1 });
    expect(presetOf('0 7 * * *')).toMatchObject({ frequency: 'daily', time: '07:00' });
    expect(presetOf(cronOf({ frequency: 'monthly', time: '06:00', weekday: 1, monthDay: 15 }))).toMatchObject(
      {
        frequency: 'monthly',
        monthDay: 15,
      },
    );
    expect(presetOf('*/15 * * * *').frequency).toBe('custom');
  });

  it('shows waits in the largest even unit', () => {
    expect(waitOf(1440)).toEqual({ amount: 1, unit: 'days' });
    expect(waitOf(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(waitOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(minutesOf(3, 'days')).toBe(4320);
  });

  it('offers operators that fit the field type', () => {
    expect(opsFor('money')).toContain('gt');
    expect(opsFor('money')).not.toContain('contains');
    expect(opsFor('stage')).toContain('in');
    expect(opsFor('boolean')).toEqual(['eq', 'neq']);
  });

  it('finds the root record of a trigger and the group of a path', () => {
    expect(rootRecordType({ kind: 'event', event: 'po.overdue' }, undefined)).toBe('purchase_order');
    expect(rootRecordType({ kind: 'schedule', cron: '0 8 * * *' }, undefined)).toBeNull();
    expect(fieldGroup('company.segmentId', 'deal')).toBe('company');
    expect(fieldGroup('amountCents', 'deal')).toBe('deal');
  });

  it('maps server error paths onto one action', () => {
    const errors = { 'actions.0.assignTo.userId': 'Pick a user', 'actions.1': 'Unknown', name: 'Required' };
    expect(errorsUnder(errors, 'actions.0.')).toEqual({ 'assignTo.userId': 'Pick a user' });
    expect(errorsUnder(errors, 'actions.1.')).toEqual({ _self: 'Unknown' });
    expect(errorAt(errorsUnder(errors, 'actions.0.'), 'assignTo')).toBe('Pick a user');
  });

  it('moves actions and makes definitions the contract accepts', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    const draft = {
      ...EMPTY_DRAFT,
      name: ' Große Deals ',
      actions: [{ ...newAction('create_task'), subject: 'Anrufen: {{deal.title}}' }, newAction('wait')],
    };
    const parsed = RuleDefinition.safeParse(definitionOf(draft));
    expect(parsed.success).toBe(true);
    expect(definitionOf(draft).name).toBe('Große Deals');
    expect(definitionOf(draft).description).toBeNull();
  });
});

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { FixedClock } from '../../../platform/clock';
import type { Config } from '../../../platform/config';
import type { DbOrTx } from '../../../platform/db/database';
import { actionContext, LookupMemo } from './action-context';
import type { EngineRule } from './rule-definition';

/** The lookups the actions of one pass over a batch share (ActionContext.lookup). */
describe('LookupMemo', () => {
  it('loads a key once for everyone sharing it, each key apart', async () => {
    const memo = new LookupMemo();
    let loads = 0;
    const load = (value: string) => async () => {
      loads += 1;
      return value;
    };
    const [a, b] = await Promise.all([memo.lookup('user:1', load('Anna')), memo.lookup('user:1', load('x'))]);
    expect([a, b, loads]).toEqual(['Anna', 'Anna', 1]);
    expect(await memo.lookup('user:2', load('Bea'))).toBe('Bea');
    expect(await memo.lookup('user:1', load('x'))).toBe('Anna');
    expect(loads).toBe(2);
  });

  it('does not keep a failed lookup, and forgets everything when cleared', async () => {
    const memo = new LookupMemo();
    await expect(memo.lookup('type:call', () => Promise.reject(new Error('gone')))).rejects.toThrow('gone');
    expect(await memo.lookup('type:call', async () => 'call')).toBe('call');
    memo.clear();
    expect(await memo.lookup('type:call', async () => 'call, read again')).toBe('call, read again');
  });

  it('is the context’s lookup only when the engine hands one in (an action on its own loads each time)', () => {
    const env = {
      clock: new FixedClock(new Date('2026-11-27T09:00:00.000Z')),
      config: { timezone: 'Europe/Berlin' } as Config,
      log: pino({ level: 'silent' }),
      dialect: 'sqlite' as const,
    };
    const rule: EngineRule = {
      id: 'r1',
      name: 'Regel',
      version: 1,
      trigger: { kind: 'event', event: 'team.member_added' },
      conditions: { match: 'all', items: [] },
      actions: [],
    };
    const run = {
      id: 'run1',
      reason: 'weil',
      triggerKey: 'event:e1',
      eventId: 'e1',
      origin: null,
      recordType: null,
      recordId: null,
    };
    const db = null as unknown as DbOrTx;
    const memo = new LookupMemo();
    const shared = actionContext(db, env, rule, run, {}, { id: 'a1', index: 0 }, memo);
    expect(shared.lookup).toBe(memo.lookup);
    expect(actionContext(db, env, rule, run, {}, { id: 'a1', index: 0 }).lookup).toBeUndefined();
  });
});

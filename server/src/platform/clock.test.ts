import { describe, expect, it } from 'vitest';
import { businessDate, FixedClock } from './clock';

describe('clock', () => {
  it('gives the business date in the company time zone, not UTC', () => {
    // 23:30 UTC on 26 Nov is already 27 Nov in Berlin (UTC+1 in winter).
    expect(businessDate(new Date('2026-11-26T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-27');
    expect(businessDate(new Date('2026-11-26T23:30:00Z'), 'UTC')).toBe('2026-11-26');
  });

  it('stands still until moved', () => {
    const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { businessDate, FixedClock } from './clock';

describe('clock', () => {
  it('gives the business date in the company time zone, not UTC', () => {
    // 23:30 UTC on 26 Nov is already 27 Nov in Berlin (UTC+1 in winter).
    expect(businessDate(new Date('2026-11-26T23:30:00Z'), 'Europe/Berlin')).toBe('2026-11-27');
    expect(businessDate(new Date('2026-11-26T23:30:00Z'), 'UTC')).toBe('2026-11-26');
  });

  it('turns the date at midnight of the zone, asked again and again around it (the last date is kept per minute)', () => {
    const at = (iso: string) => businessDate(new Date(iso), 'Europe/Berlin');
    // the night summer time starts (UTC+1 → UTC+2) and one in summer
    expect(at('2026-03-28T22:59:59.999Z')).toBe('2026-03-28');
    expect(at('2026-03-28T23:00:00.000Z')).toBe('2026-03-29');
    expect(at('2026-03-28T22:59:30.000Z')).toBe('2026-03-28');
    expect(at('2026-07-01T21:59:59.999Z')).toBe('2026-07-01');
    expect(at('2026-07-01T22:00:00.000Z')).toBe('2026-07-02');
    // the same minute in another zone is its own date
    expect(businessDate(new Date('2026-07-01T22:00:30Z'), 'UTC')).toBe('2026-07-01');
    expect(at('2026-07-01T22:00:30Z')).toBe('2026-07-02');
    // India is UTC+5:30: its midnight falls on a half hour
    expect(businessDate(new Date('2026-07-01T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-07-01');
    expect(businessDate(new Date('2026-07-01T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-02');
  });

  it('stands still until moved', () => {
    const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-01-01T00:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-01-01T00:01:00.000Z');
  });
});

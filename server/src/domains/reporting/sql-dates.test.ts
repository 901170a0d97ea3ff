import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayStartInstant, periodInstants } from './sql-dates';

describe('report dates', () => {
  it('a business day starts at midnight in the company time zone', () => {
    expect(dayStartInstant('2026-11-26', 'Europe/Berlin')).toBe('2026-11-25T23:00:00.000Z');
    expect(dayStartInstant('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00.000Z');
    // the days of the switches to and from summer time
    expect(dayStartInstant('2026-03-29', 'Europe/Berlin')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartInstant('2026-03-30', 'Europe/Berlin')).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStartInstant('2026-10-25', 'Europe/Berlin')).toBe('2026-10-24T22:00:00.000Z');
    expect(dayStartInstant('2026-10-26', 'Europe/Berlin')).toBe('2026-10-25T23:00:00.000Z');
    expect(dayStartInstant('2026-11-26', 'UTC')).toBe('2026-11-26T00:00:00.000Z');
    expect(dayStartInstant('2026-11-26', 'America/New_York')).toBe('2026-11-26T05:00:00.000Z');
  });

  it('periods are half-open ranges of instants; days and months add across year ends', () => {
    expect(periodInstants('2026-01-01', '2026-01-31', 'Europe/Berlin')).toEqual({
      start: '2025-12-31T23:00:00.000Z',
      end: '2026-01-31T23:00:00.000Z',
    });
    expect(periodInstants(undefined, undefined, 'UTC')).toEqual({ start: null, end: null });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-26', 0)).toBe('2026-11');
    expect(addMonths('2026-11-26', 2)).toBe('2027-01');
    expect(addMonths('2026-11-26', 13)).toBe('2027-12');
  });
});

import { describe, expect, it } from 'vitest';
import { localTimeOf, nextDueDate } from './recurrence';

describe('nextDueDate', () => {
  it('adds days and weeks across month and year ends', () => {
    expect(nextDueDate('2026-12-30', 'daily', 1)).toBe('2026-12-31');
    expect(nextDueDate('2026-12-30', 'daily', 3)).toBe('2027-01-02');
    expect(nextDueDate('2026-12-28', 'weekly', 1)).toBe('2027-01-04');
    expect(nextDueDate('2027-02-22', 'weekly', 2)).toBe('2027-03-08');
  });

  it('adds months and clamps to the month’s last day', () => {
    expect(nextDueDate('2026-11-15', 'monthly', 1)).toBe('2026-12-15');
    expect(nextDueDate('2026-11-15', 'monthly', 3)).toBe('2027-02-15');
    expect(nextDueDate('2027-01-31', 'monthly', 1)).toBe('2027-02-28');
    expect(nextDueDate('2028-01-31', 'monthly', 1)).toBe('2028-02-29');
    expect(nextDueDate('2026-08-31', 'monthly', 1)).toBe('2026-09-30');
  });

  it('returns to the series’ day of month after a short month', () => {
    expect(nextDueDate('2027-02-28', 'monthly', 1, 31)).toBe('2027-03-31');
    expect(nextDueDate('2027-03-31', 'monthly', 1, 31)).toBe('2027-04-30');
  });
});

describe('localTimeOf', () => {
  it('reads the wall-clock time in the company time zone', () => {
    expect(localTimeOf('2026-12-01T09:30:00.000Z', 'Europe/Berlin')).toBe('10:30');
    expect(localTimeOf('2026-07-01T09:30:00.000Z', 'Europe/Berlin')).toBe('11:30');
  });
});

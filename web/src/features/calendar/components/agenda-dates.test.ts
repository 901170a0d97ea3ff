import { describe, expect, it } from 'vitest';
import { stepDate, viewRange, weekStart } from './agenda-dates';

describe('agenda dates', () => {
  it('starts weeks on Monday, also across a DST switch and a year end', () => {
    expect(weekStart('2026-11-26')).toBe('2026-11-23');
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(viewRange('week', '2026-03-29')).toMatchObject({ from: '2026-03-23', to: '2026-03-29' });
    expect(viewRange('week', '2027-01-01').days).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });

  it('steps by a day or a week', () => {
    expect(viewRange('day', '2026-11-26')).toEqual({
      from: '2026-11-26',
      to: '2026-11-26',
      days: ['2026-11-26'],
    });
    expect(stepDate('day', '2026-02-28', 1)).toBe('2026-03-01');
    expect(stepDate('week', '2026-11-26', -1)).toBe('2026-11-19');
  });
});

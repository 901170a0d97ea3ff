import { describe, expect, it } from 'vitest';
import { pacing } from '../reporting';
import { calendarPeriod, daysInclusive, periodLabel } from './periods';

describe('goal periods', () => {
  it('derives the calendar month, quarter and year of any day', () => {
    expect(calendarPeriod('month', '2028-02-10')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(calendarPeriod('month', '2027-02-28')).toEqual({ start: '2027-02-01', end: '2027-02-28' });
    expect(calendarPeriod('month', '2026-12-31')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(calendarPeriod('quarter', '2026-01-01')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(calendarPeriod('quarter', '2026-06-30')).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(calendarPeriod('quarter', '2026-12-31')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(calendarPeriod('year', '2026-07-15')).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });

  it('counts calendar days inclusively, unaffected by DST switches', () => {
    expect(daysInclusive('2026-03-01', '2026-03-31')).toBe(31); // spring forward on 29 March
    expect(daysInclusive('2026-10-01', '2026-10-31')).toBe(31); // fall back on 25 October
    expect(daysInclusive('2026-11-26', '2026-11-26')).toBe(1);
    expect(daysInclusive('2026-11-27', '2026-11-26')).toBe(0);
    expect(daysInclusive('2028-01-01', '2028-12-31')).toBe(366);
  });

  it('labels periods for default goal names', () => {
    expect(periodLabel('month', calendarPeriod('month', '2026-11-05'))).toBe('2026-11');
    expect(periodLabel('quarter', calendarPeriod('quarter', '2026-08-05'))).toBe('Q3 2026');
    expect(periodLabel('year', calendarPeriod('year', '2026-08-05'))).toBe('2026');
    expect(periodLabel('custom', { start: '2026-11-20', end: '2026-12-04' })).toBe('2026-11-20 – 2026-12-04');
  });
});

describe('goal pacing', () => {
  const november = { id: 'g', target: 3000, periodStart: '2026-11-01', periodEnd: '2026-11-30' };

  it('puts expected-by-today on a straight line and judges within ±5 %', () => {
    // day 15 of 30: 1500 expected; on track from 1425 to 1575
    expect(pacing(november, 1500, '2026-11-15')).toMatchObject({
      expectedByToday: 1500,
      pace: 0,
      status: 'on_track',
      daysElapsed: 15,
      daysTotal: 30,
      percent: 50,
    });
    expect(pacing(november, 1425, '2026-11-15').status).toBe('on_track');
    expect(pacing(november, 1424, '2026-11-15').status).toBe('behind');
    expect(pacing(november, 1575, '2026-11-15').status).toBe('on_track');
    expect(pacing(november, 1576, '2026-11-15').status).toBe('ahead');
  });

  it('is upcoming before, and achieved or missed after the period', () => {
    expect(pacing(november, 0, '2026-10-31')).toMatchObject({
      status: 'upcoming',
      expectedByToday: 0,
      daysElapsed: 0,
    });
    expect(pacing(november, 2999, '2026-12-01')).toMatchObject({
      status: 'missed',
      expectedByToday: 3000,
      daysElapsed: 30,
    });
    expect(pacing(november, 3000, '2026-11-02')).toMatchObject({ status: 'achieved', percent: 100 });
    expect(pacing(november, 4500, '2026-12-01')).toMatchObject({
      status: 'achieved',
      percent: 150,
      pace: 1500,
    });
    expect(pacing({ ...november, target: 3 }, 1, '2026-11-30')).toMatchObject({
      percent: 33.3,
      status: 'behind',
    });
  });
});

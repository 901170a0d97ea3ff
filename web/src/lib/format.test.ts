import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatNumber,
  formatRelative,
  todayBusinessDate,
} from './format';

describe('formatMoney', () => {
  it('formats cents as euros in German', () => {
    expect(formatMoney(123456, 'EUR', 'de')).toBe('1.234,56 €');
    expect(formatMoney(0, 'EUR', 'de')).toBe('0,00 €');
    expect(formatMoney(-995, 'EUR', 'de')).toBe('-9,95 €');
    expect(formatMoney(100000000, 'EUR', 'de')).toBe('1.000.000,00 €');
  });

  it('formats cents as euros in English', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
    expect(formatMoney(5, 'EUR', 'en')).toBe('€0.05');
  });

  it('respects the minor units of the currency', () => {
    expect(formatMoney(1234, 'JPY', 'de')).toBe('1.234 ¥');
    expect(formatMoney(123456, 'USD', 'en')).toBe('US$1,234.56');
    expect(formatMoney(123456, 'CHF', 'de')).toBe('1.234,56 CHF');
  });

  it('uses plain spaces only', () => {
    expect(formatMoney(123456, 'EUR', 'de')).not.toMatch(/[\u00a0\u202f]/);
  });

  it('falls back to German for unknown languages', () => {
    expect(formatMoney(123456, 'EUR', 'fr')).toBe('1.234,56 €');
  });
});

describe('formatNumber', () => {
  it('groups thousands per language', () => {
    expect(formatNumber(1234567.5, 'de')).toBe('1.234.567,5');
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
  });
});

describe('formatDate', () => {
  it('formats business dates without time-zone shifts', () => {
    expect(formatDate('2026-11-26', 'de')).toBe('26.11.2026');
    expect(formatDate('2026-11-26', 'en')).toBe('26/11/2026');
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
  });

  it('formats instants as the date in the given time zone', () => {
    // 23:30 UTC is already the next day in Berlin
    expect(formatDate('2026-11-26T23:30:00Z', 'de', 'Europe/Berlin')).toBe('27.11.2026');
    expect(formatDate('2026-11-26T23:30:00Z', 'en', 'UTC')).toBe('26/11/2026');
  });

  it('returns an empty string for invalid input', () => {
    expect(formatDate('not a date', 'de')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('formats instants with 24-hour time', () => {
    expect(formatDateTime('2026-11-26T13:30:00Z', 'de', 'Europe/Berlin')).toBe('26.11.2026, 14:30');
    expect(formatDateTime('2026-07-01T13:05:00Z', 'en', 'Europe/Berlin')).toBe('01/07/2026, 15:05');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it('describes recent instants', () => {
    expect(formatRelative('2026-11-26T11:55:00Z', 'de', now)).toBe('vor 5 Minuten');
    expect(formatRelative('2026-11-26T11:55:00Z', 'en', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-11-25T12:00:00Z', 'de', now)).toBe('gestern');
    expect(formatRelative('2026-11-25T12:00:00Z', 'en', now)).toBe('yesterday');
  });
});

describe('todayBusinessDate', () => {
  it('uses the company time zone', () => {
    expect(todayBusinessDate('Europe/Berlin', new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
    expect(todayBusinessDate('UTC', new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-26');
  });
});

describe('formatMonth', () => {
  it('names a calendar month in the language, without time zone shifts', () => {
    expect(formatMonth('2026-12', 'de')).toBe('Dez. 2026');
    expect(formatMonth('2027-01', 'en')).toBe('Jan 2027');
    expect(formatMonth('later', 'de')).toBe('later');
  });
});

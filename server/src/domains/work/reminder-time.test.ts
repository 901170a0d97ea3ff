import { describe, expect, it } from 'vitest';
import { DEFAULT_WORK_SETTINGS } from '../../../../contracts/work';
import { zonedInstant } from '../../platform/clock';
import { reminderAtFor } from './reminder-time';

const berlin = 'Europe/Berlin';
const settings = { reminderMinutesBefore: 15, allDayReminderTime: '09:00' };

describe('reminderAtFor', () => {
  it('fires the given minutes before a task with a time', () => {
    expect(
      reminderAtFor({ dueDate: '2026-12-01', dueAt: '2026-12-01T09:00:00.000Z' }, settings, berlin),
    ).toBe('2026-12-01T08:45:00.000Z');
    expect(
      reminderAtFor(
        { dueDate: '2026-12-01', dueAt: '2026-12-01T09:00:00.000Z' },
        { ...settings, reminderMinutesBefore: 0 },
        berlin,
      ),
    ).toBe('2026-12-01T09:00:00.000Z');
  });

  it('fires at the all-day time on the due day, in winter and summer time', () => {
    // 09:00 Berlin is 08:00Z in winter (UTC+1), 07:00Z in summer (UTC+2)
    expect(reminderAtFor({ dueDate: '2026-12-01', dueAt: null }, settings, berlin)).toBe(
      '2026-12-01T08:00:00.000Z',
    );
    expect(reminderAtFor({ dueDate: '2026-07-15', dueAt: null }, settings, berlin)).toBe(
      '2026-07-15T07:00:00.000Z',
    );
  });

  it('uses the due day’s own offset on the days the clocks change', () => {
    // 2026-03-29: clocks go forward at 02:00 → 09:00 is already summer time
    expect(reminderAtFor({ dueDate: '2026-03-29', dueAt: null }, settings, berlin)).toBe(
      '2026-03-29T07:00:00.000Z',
    );
    expect(reminderAtFor({ dueDate: '2026-03-28', dueAt: null }, settings, berlin)).toBe(
      '2026-03-28T08:00:00.000Z',
    );
    // 2026-10-25: clocks go back at 03:00 → 09:00 is winter time again
    expect(reminderAtFor({ dueDate: '2026-10-25', dueAt: null }, settings, berlin)).toBe(
      '2026-10-25T08:00:00.000Z',
    );
    expect(reminderAtFor({ dueDate: '2026-10-24', dueAt: null }, settings, berlin)).toBe(
      '2026-10-24T07:00:00.000Z',
    );
    // an early reminder time before the switch on the switching day
    expect(
      reminderAtFor(
        { dueDate: '2026-10-25', dueAt: null },
        { ...settings, allDayReminderTime: '01:30' },
        berlin,
      ),
    ).toBe('2026-10-24T23:30:00.000Z');
  });

  it('follows the company time zone, not the server’s', () => {
    expect(reminderAtFor({ dueDate: '2026-12-01', dueAt: null }, settings, 'America/New_York')).toBe(
      '2026-12-01T14:00:00.000Z',
    );
    expect(reminderAtFor({ dueDate: '2026-12-01', dueAt: null }, settings, 'UTC')).toBe(
      '2026-12-01T09:00:00.000Z',
    );
  });

  it('has no reminder without a due date', () => {
    expect(reminderAtFor({ dueDate: null, dueAt: null }, DEFAULT_WORK_SETTINGS, berlin)).toBeNull();
  });
});

describe('zonedInstant', () => {
  it('turns local midnight into the previous UTC evening', () => {
    expect(zonedInstant('2026-01-01', '00:00', berlin).toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('moves a time in the spring-forward gap past the gap', () => {
    // 02:30 does not exist on 2026-03-29 in Berlin; 03:30 CEST = 01:30Z
    expect(zonedInstant('2026-03-29', '02:30', berlin).toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

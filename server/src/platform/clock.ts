/**
 * The one source of "now". Everything time-dependent takes a Clock so tests and the CLI
 * can run as of another moment.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still at `at` until moved; for tests and `run-job --as-of`. */
export class FixedClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at.getTime());
  }
  set(at: Date): void {
    this.at = at;
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than formatting with it. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The last date formatted per time zone, by its minute: formatting costs ~20 µs, and callers ask for "now" again and again. */
const lastDates = new Map<string, { minute: number; date: string }>();

/** The business date (YYYY-MM-DD) of an instant in the company time zone. */
export function businessDate(at: Date, timezone: string): string {
  // zone offsets are whole minutes: the date cannot change within one
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDates.get(timezone);
  if (last?.minute === minute) return last.date;
  const date = formatDate(at, timezone);
  lastDates.set(timezone, { minute, date });
  return date;
}

function formatDate(at: Date, timezone: string): string {
  let format = dateFormats.get(timezone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timezone, format);
  }
  return format.format(at);
}

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

/** How an instant is formatted in a zone: its date (en-CA: YYYY-MM-DD), or its wall-clock parts. */
const FORMATS = {
  date: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  wallClock: [
    'en-US',
    {
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    },
  ],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/** One formatter per kind and zone: making an Intl.DateTimeFormat costs far more than formatting with it. */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(kind: keyof typeof FORMATS, timezone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timezone}`;
  let format = formats.get(key);
  if (!format) {
    const [locale, options] = FORMATS[kind];
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
    formats.set(key, format);
  }
  return format;
}

/** The last date formatted per time zone, by its minute: formatting costs ~20 µs, and callers ask for "now" again and again. */
const lastDates = new Map<string, { minute: number; date: string }>();

/** The business date (YYYY-MM-DD) of an instant in the company time zone. */
export function businessDate(at: Date, timezone: string): string {
  // zone offsets are whole minutes: the date cannot change within one
  const minute = Math.floor(at.getTime() / 60_000);
  const last = lastDates.get(timezone);
  if (last?.minute === minute) return last.date;
  const date = formatIn('date', timezone).format(at);
  lastDates.set(timezone, { minute, date });
  return date;
}

/** Offset of `timezone` from UTC at the instant `ms`, in ms (positive east of Greenwich). */
function zoneOffsetMs(ms: number, timezone: string): number {
  const parts = formatIn('wallClock', timezone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time (`HH:MM`) on a business date (`YYYY-MM-DD`) in `timezone`,
 * e.g. 2026-03-30 09:00 Europe/Berlin → 07:00Z (summer time), 2026-03-27 09:00 → 08:00Z (winter
 * time). The offset is read again at the result, so the day's own offset counts, not the previous
 * night's. A time in the spring-forward gap (02:30 on the last Sunday of March) lands an hour later.
 */
export function zonedInstant(date: string, time: string, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let at = wall - zoneOffsetMs(wall, timezone);
  at = wall - zoneOffsetMs(at, timezone);
  return new Date(at);
}

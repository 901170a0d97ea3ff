import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from './config';

describe('configuration', () => {
  it('defaults to SQLite in the data folder', () => {
    expect(parseDatabaseUrl(undefined, '/srv/kontor/data')).toEqual({
      dialect: 'sqlite',
      file: '/srv/kontor/data/kontor.db',
    });
  });

  it('takes sqlite:<path> and postgres:// URLs', () => {
    expect(parseDatabaseUrl('sqlite:/tmp/x.db', '/d')).toEqual({ dialect: 'sqlite', file: '/tmp/x.db' });
    expect(parseDatabaseUrl('postgres://u@h/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h/db',
    });
  });

  it('names the problem for a bad DATABASE_URL, PORT or time zone', () => {
    expect(() => parseDatabaseUrl('mysql://x', '/d')).toThrow(/must start with sqlite: or postgres:\/\//);
    expect(() => parseDatabaseUrl('sqlite:', '/d')).toThrow(ConfigError);
    const base = { KONTOR_SECRET: 's', KONTOR_DATA_DIR: '/tmp/kontor-config-test' };
    expect(() => loadConfig({ ...base, PORT: 'abc' })).toThrow(/PORT must be a number/);
    expect(() => loadConfig({ ...base, KONTOR_TIMEZONE: 'Mars/Olympus' })).toThrow(
      /not a known IANA time zone/,
    );
  });

  it('reads the environment', () => {
    const c = loadConfig({
      KONTOR_SECRET: 's',
      PORT: '4000',
      SMTP_URL: 'smtp://localhost:25',
      LOG_LEVEL: 'warn',
    });
    expect(c).toMatchObject({
      port: 4000,
      secret: 's',
      smtpUrl: 'smtp://localhost:25',
      logLevel: 'warn',
      timezone: 'Europe/Berlin',
    });
  });
});

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type DatabaseConfig = { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  timezone: string;
  secret: string;
  smtpUrl: string | null;
  logLevel: string;
  /** Where SQLite files, the generated secret and backups live. */
  dataDir: string;
}

export class ConfigError extends Error {}

export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { dialect: 'sqlite', file: resolve(dataDir, 'kontor.db') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file)
      throw new ConfigError('DATABASE_URL=sqlite:<path> needs a file path, e.g. sqlite:./data/other.db');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(file) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return { dialect: 'postgres', url };
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:…")`);
}

function isValidTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The secret signs tokens; when none is given, one is generated once and kept in the data folder. */
function loadOrCreateSecret(dataDir: string): string {
  const file = resolve(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.KONTOR_DATA_DIR ?? 'data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a number between 0 and 65535 (got "${env.PORT}")`);
  }
  const timezone = env.KONTOR_TIMEZONE ?? 'Europe/Berlin';
  if (!isValidTimezone(timezone)) {
    throw new ConfigError(`KONTOR_TIMEZONE "${timezone}" is not a known IANA time zone, e.g. Europe/Berlin`);
  }
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    database: parseDatabaseUrl(env.DATABASE_URL, dataDir),
    timezone,
    secret: env.KONTOR_SECRET ?? loadOrCreateSecret(dataDir),
    smtpUrl: env.SMTP_URL || null,
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir,
  };
}

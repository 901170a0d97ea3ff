import type SQLite from 'better-sqlite3';
import { V7Generator } from 'uuidv7';
import { slug } from './pools';
import { mulberry32, pool, seededFaker } from './random';

export const BENCH_PASSWORD = 'kontor-bench-password';
export const BENCH_ADMIN_EMAIL = 'bench-admin@kontor.bench';

export interface UsersInsertResult {
  rows: number;
  /** Seconds spent in INSERT statements and COMMIT (generation not counted). */
  insertSeconds: number;
  admin: { email: string; password: string };
  /** Ids of users spread over the whole table, for lookups. */
  sampleIds: string[];
}

const ROLE_WEIGHTS: { value: string; weight: number }[] = [
  { value: 'sales', weight: 60 },
  { value: 'manager', weight: 10 },
  { value: 'accounting', weight: 15 },
  { value: 'purchasing', weight: 15 },
];

/**
 * Fills Kontor's users table (already migrated) with `rows` users straight through a prepared
 * statement in one transaction: German names from faker (fixed seed), UUIDv7 ids whose time and
 * random bits are seeded too, and one precomputed argon2 hash shared by all (hashing a million
 * passwords would take hours). The first user is an admin the bench logs in as.
 */
export function insertUsers(
  sqlite: SQLite.Database,
  opts: { rows: number; seed: number; passwordHash: string; sampleSize?: number },
): UsersInsertResult {
  const faker = seededFaker(opts.seed);
  const firstNames = pool(3000, () => faker.person.firstName());
  const lastNames = pool(3000, () => faker.person.lastName());
  const domains = pool(300, () => faker.internet.domainName());
  const ids = new V7Generator(
    (() => {
      const next = mulberry32(opts.seed);
      return { nextUint32: next };
    })(),
  );
  // Accounts created one every ~30 s from 2024-01-01 on: ids and created_at are time-ordered.
  const start = Date.UTC(2024, 0, 1);
  const step = 30_000;

  const insert = sqlite.prepare(
    `INSERT INTO users (id, email, name, role, locale, active, password_hash, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const sampleSize = Math.min(opts.sampleSize ?? 10_000, opts.rows);
  const sampleEvery = Math.max(1, Math.floor(opts.rows / sampleSize));
  const sampleIds: string[] = [];

  const chunk = 50_000;
  let insertNs = 0n;
  const buf: (string | number)[][] = [];
  sqlite.exec('BEGIN');
  try {
    for (let base = 0; base < opts.rows; base += chunk) {
      buf.length = 0;
      const end = Math.min(opts.rows, base + chunk);
      for (let i = base; i < end; i++) {
        const at = start + i * step;
        const id = ids.generateOrResetCore(at, 10_000).toString();
        const created = new Date(at).toISOString();
        if (i === 0) {
          buf.push([
            id,
            BENCH_ADMIN_EMAIL,
            'Bench Admin',
            'admin',
            'de',
            1,
            opts.passwordHash,
            created,
            created,
          ]);
          continue;
        }
        const first = firstNames[faker.number.int(firstNames.length - 1)]!;
        const last = lastNames[faker.number.int(lastNames.length - 1)]!;
        const domain = domains[faker.number.int(domains.length - 1)]!;
        const role = faker.helpers.weightedArrayElement(ROLE_WEIGHTS);
        const locale = faker.number.int(9) === 0 ? 'en' : 'de';
        const active = faker.number.int(19) === 0 ? 0 : 1;
        buf.push([
          id,
          `${slug(first)}.${slug(last)}.${i}@${domain}`,
          `${first} ${last}`,
          role,
          locale,
          active,
          opts.passwordHash,
          created,
          created,
        ]);
        if (i % sampleEvery === 0 && sampleIds.length < sampleSize) sampleIds.push(id);
      }
      const t0 = process.hrtime.bigint();
      for (const row of buf) insert.run(row);
      insertNs += process.hrtime.bigint() - t0;
    }
    const t0 = process.hrtime.bigint();
    sqlite.exec('COMMIT');
    insertNs += process.hrtime.bigint() - t0;
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  // Lookups should not walk the table in insertion order.
  faker.helpers.shuffle(sampleIds, { inplace: true });
  return {
    rows: opts.rows,
    insertSeconds: Number(insertNs) / 1e9,
    admin: { email: BENCH_ADMIN_EMAIL, password: BENCH_PASSWORD },
    sampleIds,
  };
}

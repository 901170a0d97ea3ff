import { join } from 'node:path';
import { openSqlite } from '../../server/src/platform/db/database';
import { generateLedger } from '../generators/ledger';

export interface RawSqliteResult {
  rows: number;
  insertRowsPerSec: number;
  groupByMs: number;
  groups: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * Baselines (b) and (c): better-sqlite3 alone, with Kontor's pragmas (WAL, synchronous=NORMAL).
 * (b) prepared INSERTs of `rows` ledger rows in one transaction; (c) GROUP BY over them (median of 3).
 */
export function rawSqliteBaselines(dir: string, rows: number, seed: number): RawSqliteResult {
  const ledger = generateLedger(rows, seed);
  const sqlite = openSqlite(join(dir, 'raw.db'));
  try {
    sqlite.exec(`CREATE TABLE ledger (
      id INTEGER PRIMARY KEY,
      account TEXT NOT NULL,
      category TEXT NOT NULL,
      amount_cents INTEGER NOT NULL,
      booked_on TEXT NOT NULL
    )`);
    const insert = sqlite.prepare(
      'INSERT INTO ledger (account, category, amount_cents, booked_on) VALUES (?, ?, ?, ?)',
    );
    const insertAll = sqlite.transaction(() => {
      for (let i = 0; i < ledger.rows; i++) {
        insert.run(
          ledger.accounts[ledger.account[i]!],
          ledger.categories[ledger.category[i]!],
          ledger.amountCents[i],
          ledger.days[ledger.day[i]!],
        );
      }
    });
    const t0 = performance.now();
    insertAll();
    const insertMs = performance.now() - t0;

    const groupBy = sqlite.prepare(
      'SELECT category, COUNT(*) AS n, SUM(amount_cents) AS total FROM ledger GROUP BY category ORDER BY total DESC',
    );
    const times: number[] = [];
    let groups = 0;
    for (let run = 0; run < 3; run++) {
      const t = performance.now();
      groups = groupBy.all().length;
      times.push(performance.now() - t);
    }
    return { rows, insertRowsPerSec: rows / (insertMs / 1000), groupByMs: median(times), groups };
  } finally {
    sqlite.close();
  }
}

import { pool, seededFaker } from './random';

/**
 * A ledger of bookings for the raw SQLite baselines: n rows of (account, category, amount in cents,
 * booking day), held column-wise in typed arrays so that generating them is not what is measured.
 */
export interface Ledger {
  rows: number;
  accounts: string[];
  categories: string[];
  days: string[];
  account: Uint16Array;
  category: Uint8Array;
  amountCents: Int32Array;
  day: Uint16Array;
}

export function generateLedger(rows: number, seed: number): Ledger {
  const faker = seededFaker(seed);
  const accounts = pool(2000, () => faker.company.name());
  const categories = pool(24, () => faker.commerce.department());
  const days: string[] = [];
  for (let d = Date.UTC(2024, 0, 1); d < Date.UTC(2027, 0, 1); d += 86_400_000) {
    days.push(new Date(d).toISOString().slice(0, 10));
  }
  const ledger: Ledger = {
    rows,
    accounts,
    categories,
    days,
    account: new Uint16Array(rows),
    category: new Uint8Array(rows),
    amountCents: new Int32Array(rows),
    day: new Uint16Array(rows),
  };
  for (let i = 0; i < rows; i++) {
    ledger.account[i] = faker.number.int(accounts.length - 1);
    ledger.category[i] = faker.number.int(categories.length - 1);
    ledger.amountCents[i] = faker.number.int({ min: 100, max: 5_000_000 });
    ledger.day[i] = faker.number.int(days.length - 1);
  }
  return ledger;
}

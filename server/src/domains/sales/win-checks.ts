import type { Tx } from '../../platform/db/database';

/**
 * A check another domain registers to refuse winning a deal, run in the winning transaction before
 * `deal.won` is raised; it throws an AppError naming the problem (inventory: not enough stock of a
 * line's product while back orders are not allowed). Sales knows nothing of the reasons.
 */
export type WinCheck = (trx: Tx, dealId: string) => Promise<void>;

const checks: WinCheck[] = [];

/** Registers a check once (several apps in one process, e.g. tests, register the same function). */
export function registerWinCheck(check: WinCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

export async function runWinChecks(trx: Tx, dealId: string): Promise<void> {
  for (const check of checks) await check(trx, dealId);
}

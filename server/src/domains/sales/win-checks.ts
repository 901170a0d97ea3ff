import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';

/** The winning transaction's clock and actor, for checks that write. */
export interface WinCheckContext {
  clock: Clock;
  actor: Actor;
}

/**
 * A check another domain registers, run in the winning transaction before `deal.won` is raised. It
 * throws an AppError naming the problem to refuse the win (inventory: not enough stock of a line's
 * product while back orders are not allowed), and it may also write in the winning transaction, so
 * that what it checked cannot change before the win commits (inventory reserves the stock there).
 * Sales knows nothing of the reasons. `context` is optional: a check falls back to the deal's
 * `wonAt` and a system actor when it is not given.
 */
export type WinCheck = (trx: Tx, dealId: string, context?: WinCheckContext) => Promise<void>;

const checks: WinCheck[] = [];

/** Registers a check once (several apps in one process, e.g. tests, register the same function). */
export function registerWinCheck(check: WinCheck): void {
  if (!checks.includes(check)) checks.push(check);
}

export async function runWinChecks(trx: Tx, dealId: string, context?: WinCheckContext): Promise<void> {
  for (const check of checks) await check(trx, dealId, context);
}

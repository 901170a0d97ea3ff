import type { AppContext } from '../../platform/context';
import { releaseDealReservation, reserveWonDeal } from './reservations';

/**
 * A deal was won: its stock-tracked lines are reserved in the default warehouse
 * (`inventory.reserve-won-deal`). Idempotent: one deal has at most one open reservation, a deal no
 * longer won is left alone. A lost or reopened deal releases what its reservation still holds
 * (`inventory.release-lost-deal`, `inventory.release-reopened-deal`).
 */
export function subscribeDealReservations(ctx: AppContext): void {
  ctx.events.subscribe('deal.won', 'inventory.reserve-won-deal', async (event, h) => {
    await reserveWonDeal(h.trx, h, h.actor, event.payload.dealId);
  });
  ctx.events.subscribe('deal.lost', 'inventory.release-lost-deal', async (event, h) => {
    await releaseDealReservation(h.trx, h, h.actor, event.payload.dealId);
  });
  ctx.events.subscribe('deal.reopened', 'inventory.release-reopened-deal', async (event, h) => {
    await releaseDealReservation(h.trx, h, h.actor, event.payload.dealId);
  });
}

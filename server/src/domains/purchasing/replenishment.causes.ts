import type { ReplenishmentCause, ReplenishmentExplanation } from '../../../../contracts/purchasing';
import { type Actor, scopeOf } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { getMemberIdsOfTeams } from '../identity';
import { type DealRef, getDealRefs, getOpenDealDemand } from '../sales';

/*
 * Deals in replenishment explanations. A line's explanation JSON keeps only the deal's id (no
 * title, probability or close date): whoever may read purchase orders is not necessarily allowed to
 * see every deal. The deal's name is put in when the explanation is read, for the one reading it —
 * a deal they may not see stays a neutral "Deal" without label or id.
 */

/** The neutral label of a deal cause (stored; also what is shown of a deal the reader may not see). */
export const DEAL_LABEL = 'Deal';

const isDealCause = (c: ReplenishmentCause) => c.sourceType === 'deal';

/** A cause as it is stored: a deal (pipeline demand or a reservation move) by its id only. */
export function storedCause(c: ReplenishmentCause): ReplenishmentCause {
  if (!isDealCause(c)) return c;
  return { ...c, label: c.kind === 'deal' ? DEAL_LABEL : c.label, sourceLabel: null };
}

/** Which of these deals the actor may see (visibleTo of deals, in code: owner, team, team-mates). */
async function visibleDeals(db: DbOrTx, actor: Actor, refs: readonly DealRef[]): Promise<Set<string>> {
  const scope = scopeOf(actor);
  if (scope === 'all') return new Set(refs.map((r) => r.id));
  if (!actor.userId) return new Set();
  const mates = new Set<string>();
  if (scope === 'team' && actor.teamIds.length > 0) {
    for (const members of (await getMemberIdsOfTeams(db, actor.teamIds)).values()) {
      for (const m of members) mates.add(m);
    }
  }
  return new Set(
    refs
      .filter(
        (r) =>
          r.ownerId === actor.userId ||
          (scope === 'team' &&
            ((r.teamId !== null && actor.teamIds.includes(r.teamId)) || mates.has(r.ownerId))),
      )
      .map((r) => r.id),
  );
}

/**
 * The explanations as `actor` may read them: deals they may see get their title (pipeline demand:
 * "title (probability %, expected close date)" and the stage as label, from the deal of now); other
 * deals are a neutral "Deal" with neither label nor id. `items` pairs each explanation with its
 * product (to find the open deal's stage). Returns new objects; null explanations stay null.
 */
export async function explanationsFor<T extends ReplenishmentExplanation | null>(
  db: DbOrTx,
  actor: Actor,
  items: ReadonlyArray<{ productId: string; explanation: T }>,
): Promise<T[]> {
  const dealIds = new Set<string>();
  const productIds = new Set<string>();
  for (const { productId, explanation } of items) {
    for (const c of explanation?.causes ?? []) {
      if (!isDealCause(c) || !c.sourceId) continue;
      dealIds.add(c.sourceId);
      if (c.kind === 'deal') productIds.add(productId);
    }
  }
  if (dealIds.size === 0) return items.map((i) => i.explanation);
  const refs = await getDealRefs(db, [...dealIds]);
  const visible = await visibleDeals(db, actor, [...refs.values()]);
  const open = new Map<string, { stageName: string; probability: number; expectedCloseDate: string }>();
  const wanted = visible.size > 0 ? [...productIds] : [];
  if (wanted.length > 0) {
    for (const d of await getOpenDealDemand(db, wanted, '9999-12-31')) {
      if (visible.has(d.dealId)) open.set(`${d.productId}|${d.dealId}`, d);
    }
  }
  return items.map(({ productId, explanation }) => {
    if (!explanation) return explanation;
    const causes = explanation.causes.map((c): ReplenishmentCause => {
      if (!isDealCause(c)) return c;
      const ref = c.sourceId ? refs.get(c.sourceId) : undefined;
      if (!ref || !visible.has(ref.id)) {
        return { ...c, label: c.kind === 'deal' ? DEAL_LABEL : c.label, sourceId: null, sourceLabel: null };
      }
      if (c.kind !== 'deal') return { ...c, sourceLabel: ref.title };
      const d = open.get(`${productId}|${ref.id}`);
      return d
        ? {
            ...c,
            label: d.stageName,
            sourceLabel: `${ref.title} (${d.probability} %, ${d.expectedCloseDate})`,
          }
        : { ...c, label: DEAL_LABEL, sourceLabel: ref.title };
    });
    return { ...explanation, causes } as T;
  });
}

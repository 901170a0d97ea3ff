import { sql } from 'kysely';
import type { ApiScope } from '../../../../contracts/api-scopes';
import type { Action } from '../../../../contracts/automation';
import type { Permission } from '../../../../contracts/permissions';
import { type Actor, scopeOf } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { visibleTo } from '../../platform/db/visibility';
import { AppError } from '../../platform/http/errors';
import { recordTypeOf } from './registry';

/**
 * Who may see which record, for what automation shows about records (provenance, dry runs).
 * Automation imports no other domain, so it repeats their visibility here from the registered record
 * types' owner and team: never more than the domain shows (a company seen only through one of its
 * deals, a task the person created are refused here although the domain shows them — the safe side).
 */

/** The permission that lets someone read a record of the type (what a provenance or dry run shows of it). */
export const READ_PERMISSION: Record<string, Permission> = {
  deal: 'deals.read',
  company: 'companies.read',
  contact: 'companies.read',
  task: 'tasks.read',
  invoice: 'invoices.read',
  dunning_notice: 'invoices.read',
  product: 'products.read',
  purchase_order: 'purchaseOrders.read',
  webhook_delivery: 'webhooks.manage',
  // what send_email and notify made: shown to those who see the rules' runs anyway
  mail: 'automation.read',
  notification: 'automation.read',
};

export function readPermissionOf(entityType: string): Permission {
  const permission = READ_PERMISSION[entityType];
  if (!permission) {
    throw new AppError(
      'bad_request',
      'automation.unknown_entity_type',
      `Unknown record type "${entityType}" (known: ${Object.keys(READ_PERMISSION).join(', ')})`,
    );
  }
  return permission;
}

/** Types whose domain limits nobody who has the read permission (the catalogue, purchase orders, …). */
const UNLIMITED = new Set([
  'product',
  'purchase_order',
  'dunning_notice',
  'webhook_delivery',
  'mail',
  'notification',
]);

/** Whether a record owned by `ownerId` (and assigned to `teamId`) is visible, by the platform's rule. */
async function ownerTeamVisible(
  db: DbOrTx,
  actor: Actor,
  ownerId: string | null,
  teamId: string | null,
): Promise<boolean> {
  // the platform's visibility over a one-row derived table: the same rule the repositories use
  const row = await db
    .selectFrom(
      sql<{
        owner_id: string | null;
        team_id: string | null;
      }>`(select cast(${ownerId} as text) as owner_id, cast(${teamId} as text) as team_id)`.as('r'),
    )
    .select(sql<number>`1`.as('one'))
    .where(visibleTo(actor, { ownerColumn: 'r.owner_id', teamColumn: 'r.team_id' }))
    .executeTakeFirst();
  return row !== undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/**
 * The ids among `ids` of records of `type` the actor may see (people by their role's scope; the
 * system everything). Unknown ids are absent unless the actor sees all (nothing is loaded then).
 */
export async function visibleRecordIds(
  db: DbOrTx,
  actor: Actor,
  type: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (scopeOf(actor) === 'all' || UNLIMITED.has(type)) return new Set(ids);
  const def = recordTypeOf(type);
  if (!def || !['deal', 'company', 'contact', 'task', 'invoice'].includes(type)) return new Set();
  const values = await def.load(db, [...ids]);
  let owners = new Map<string, { owner: string | null; team: string | null }>();
  if (type === 'contact') {
    // a contact is visible with its company
    const companyIds = [...values.values()].map((v) => str(v.companyId)).filter((id) => id !== null);
    const companies = companyIds.length
      ? await (recordTypeOf('company')?.load(db, companyIds) ?? new Map())
      : new Map();
    for (const [id, v] of values) {
      const company = companies.get(str(v.companyId) ?? '');
      if (company) owners.set(id, { owner: str(company.ownerId), team: str(company.teamId) });
    }
  } else {
    owners = new Map(
      [...values].map(([id, v]) => [
        id,
        {
          owner: def.ownerField ? str(v[def.ownerField]) : null,
          team: def.teamField ? str(v[def.teamField]) : null,
        },
      ]),
    );
  }
  const out = new Set<string>();
  for (const [id, { owner, team }] of owners) {
    // a team's task is everybody's in the team, in every scope (work's tasksVisibleTo)
    const teamTask = type === 'task' && team !== null && actor.teamIds.includes(team);
    if (teamTask || (await ownerTeamVisible(db, actor, owner, team))) out.add(id);
  }
  return out;
}

/**
 * The token scopes a rule's actions need to write what they write: a token saving a rule must hold
 * them, so it cannot make the system write where the token itself may not.
 */
export function scopesForActions(actions: readonly Action[]): ApiScope[] {
  const out = new Set<ApiScope>();
  for (const action of actions) {
    switch (action.kind) {
      case 'update_field': {
        const type = action.field.slice(0, action.field.indexOf('.'));
        if (type === 'deal') out.add('deals:write');
        else if (type === 'company' || type === 'contact') out.add('companies:write');
        else if (type === 'task') out.add('tasks:write');
        else if (type === 'product') out.add('products:write');
        break;
      }
      case 'create_task':
      case 'notify':
        out.add('tasks:write');
        break;
      case 'create_invoice_from_deal':
        out.add('invoices:write');
        break;
      case 'create_po_suggestion':
        out.add('purchasing:write');
        break;
      case 'call_webhook':
        out.add('webhooks:write');
        break;
      default:
        // send_email and wait write nothing a scope guards
        break;
    }
  }
  return [...out];
}

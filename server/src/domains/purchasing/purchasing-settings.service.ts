import type {
  ApprovalLimit,
  PurchasingSettings,
  PutApprovalLimit,
  UpdatePurchasingSettings,
} from '../../../../contracts/purchasing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { type DbOrTx, type Tx, toBool } from '../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { getTeamNames, getUserSummary } from '../identity';
import type { PurchasingDeps } from './purchasing.deps';

/** Roles that may approve purchase orders (with an approval limit). */
export const APPROVER_ROLES = ['admin', 'manager', 'purchasing'] as const;

export async function loadPurchasingSettings(db: DbOrTx): Promise<PurchasingSettings> {
  const row = await db.selectFrom('purchasing_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    autoDraft: toBool(row?.auto_draft ?? 1),
    countPipelineDemand: toBool(row?.count_pipeline_demand ?? 0),
    followUpTeamId: row?.follow_up_team_id ?? null,
    version: row?.version ?? 1,
  };
}

export function getPurchasingSettings(deps: PurchasingDeps): Promise<PurchasingSettings> {
  return loadPurchasingSettings(deps.db);
}

/** Changes the settings (optimistic on `version`); the follow-up team must exist. */
export function updatePurchasingSettings(
  deps: PurchasingDeps,
  actor: Actor,
  input: UpdatePurchasingSettings,
): Promise<PurchasingSettings> {
  return deps.db.transaction().execute((trx) => updatePurchasingSettingsIn(trx, deps.clock, actor, input));
}

/** `updatePurchasingSettings` in the caller's transaction (the built-in rule's follow-up team is written through it). */
export async function updatePurchasingSettingsIn(
  trx: Tx,
  clock: Clock,
  actor: Actor,
  input: UpdatePurchasingSettings,
): Promise<PurchasingSettings> {
  const before = await loadPurchasingSettings(trx);
  if (before.version !== input.version) throw staleVersion('purchasing_settings', '1');
  if (input.followUpTeamId) {
    const names = await getTeamNames(trx, [input.followUpTeamId]);
    if (!names.has(input.followUpTeamId)) {
      throw new AppError('unprocessable', 'purchasing.unknown_team', 'The team does not exist', [
        { path: 'followUpTeamId', message: 'No such team' },
      ]);
    }
  }
  const result = await trx
    .updateTable('purchasing_settings')
    .set({
      ...(input.autoDraft !== undefined ? { auto_draft: input.autoDraft ? 1 : 0 } : {}),
      ...(input.countPipelineDemand !== undefined
        ? { count_pipeline_demand: input.countPipelineDemand ? 1 : 0 }
        : {}),
      ...(input.followUpTeamId !== undefined ? { follow_up_team_id: input.followUpTeamId ?? null } : {}),
      updated_at: clock.now().toISOString(),
      version: before.version + 1,
    })
    .where('id', '=', 1)
    .where('version', '=', before.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleVersion('purchasing_settings', '1');
  const after = await loadPurchasingSettings(trx);
  await recordAudit(trx, clock, actor, {
    entityType: 'purchasing_settings',
    entityId: '1',
    before: { ...before, version: undefined },
    after: { ...after, version: undefined },
  });
  return after;
}

// ─── approval limits ─────────────────────────────────────────────────────────────────────────────

/**
 * A user's approval limit: `undefined` when they may not approve (no row; admins: no limit without
 * a row), `null` for no limit, else the largest net total in cents.
 */
export async function approvalLimitOf(
  db: DbOrTx,
  user: { userId: string | null; role: string | null },
): Promise<number | null | undefined> {
  // the system (seed, jobs: no role) is not limited; an actor with a role always acts as a user
  if (!user.userId) return user.role ? undefined : null;
  const row = await db
    .selectFrom('purchase_approval_limits')
    .select('limit_cents')
    .where('user_id', '=', user.userId)
    .executeTakeFirst();
  if (row) return row.limit_cents === null ? null : Number(row.limit_cents);
  return user.role === 'admin' ? null : undefined;
}

/**
 * Active users who may approve by role (admin, manager, purchasing) with their limit. Reads the
 * identity domain's users table read-only: identity has no public list of users by role yet.
 */
export async function listApprovalLimits(deps: PurchasingDeps): Promise<{ items: ApprovalLimit[] }> {
  const users = await deps.db
    .selectFrom('users')
    .leftJoin('purchase_approval_limits as l', 'l.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.role', 'l.limit_cents', 'l.user_id as limit_user'])
    .where('users.role', 'in', APPROVER_ROLES)
    .where('users.active', '=', 1)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
  return {
    items: users.map((u) => ({
      userId: u.id,
      userName: u.name,
      role: u.role,
      limitCents: u.limit_cents === null ? null : Number(u.limit_cents),
      canApprove: u.limit_user !== null || u.role === 'admin',
    })),
  };
}

async function approverOrThrow(db: DbOrTx, userId: string) {
  const user = await getUserSummary(db, userId);
  if (!user) throw notFound('user', userId);
  if (!(APPROVER_ROLES as readonly string[]).includes(user.role)) {
    throw new AppError(
      'unprocessable',
      'purchasing.not_an_approver',
      `${user.name} has the role ${user.role}; only admins, managers and purchasing may approve purchase orders`,
      [{ path: 'userId', message: 'Give the user the purchasing or manager role first' }],
    );
  }
  return user;
}

/** Sets a user's approval limit (null: no limit). */
export async function putApprovalLimit(
  deps: PurchasingDeps,
  actor: Actor,
  userId: string,
  input: PutApprovalLimit,
): Promise<ApprovalLimit> {
  return deps.db.transaction().execute(async (trx) => {
    const user = await approverOrThrow(trx, userId);
    const before = await approvalLimitOf(trx, { userId, role: 'x' });
    const limit = input.limitCents ?? null;
    await trx
      .insertInto('purchase_approval_limits')
      .values({ user_id: userId, limit_cents: limit, updated_at: deps.clock.now().toISOString() })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ limit_cents: limit, updated_at: deps.clock.now().toISOString() }),
      )
      .execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'purchase_approval_limit',
      entityId: userId,
      label: user.name,
      before: before === undefined ? null : { limitCents: before },
      after: { limitCents: limit },
    });
    return { userId, userName: user.name, role: user.role, limitCents: limit, canApprove: true };
  });
}

/** Removes a user's approval limit: they may no longer approve (admins: no limit). Idempotent. */
export async function deleteApprovalLimit(deps: PurchasingDeps, actor: Actor, userId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const user = await getUserSummary(trx, userId);
    if (!user) throw notFound('user', userId);
    const before = await approvalLimitOf(trx, { userId, role: 'x' });
    if (before === undefined) return;
    await trx.deleteFrom('purchase_approval_limits').where('user_id', '=', userId).execute();
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'purchase_approval_limit',
      entityId: userId,
      label: user.name,
      before: { limitCents: before },
      after: null,
    });
  });
}

import type { z } from 'zod';
import type { NotificationListQuery, UpdateWorkSettings, WorkSettings } from '../../../../contracts/work';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { AppError } from '../../platform/http/errors';
import { notificationHub } from './notification-hub';
import { countUnread, listNotificationsOf, markRead, toNotification } from './notifications.repository';
import { getWorkSettings, saveWorkSettings } from './work-settings.repository';

type Deps = Pick<AppContext, 'db' | 'clock'>;

/** Notifications belong to one person: even an admin sees only their own. */
function userOf(actor: Actor): string {
  if (!actor.userId) {
    throw new AppError(
      'forbidden',
      'notifications.no_user',
      'Notifications belong to a user; sign in as one',
    );
  }
  return actor.userId;
}

export async function listMyNotifications(
  deps: Deps,
  actor: Actor,
  query: z.infer<typeof NotificationListQuery>,
) {
  const userId = userOf(actor);
  const page = await listNotificationsOf(deps.db, userId, query);
  return {
    items: page.items.map(toNotification),
    nextCursor: page.nextCursor,
    unreadCount: await countUnread(deps.db, userId),
  };
}

/** Marks the given notifications (only the caller's own; others' ids are ignored) or all read. */
export async function markMyNotificationsRead(deps: Deps, actor: Actor, ids: string[] | undefined) {
  const userId = userOf(actor);
  const marked = await markRead(deps.db, userId, ids, deps.clock.now().toISOString());
  // The user's other tabs and devices update their badge.
  if (marked > 0) notificationHub(deps.db).wake([userId]);
  return { marked, unreadCount: await countUnread(deps.db, userId) };
}

export function getMyWorkSettings(deps: Deps, actor: Actor): Promise<WorkSettings> {
  return getWorkSettings(deps.db, userOf(actor));
}

/**
 * Saves the caller's reminder settings. They apply to reminders set from now on ("default" when a
 * task is created or its due time changes); reminders already scheduled keep their time.
 */
export async function updateMyWorkSettings(
  deps: Deps,
  actor: Actor,
  patch: z.infer<typeof UpdateWorkSettings>,
): Promise<WorkSettings> {
  const userId = userOf(actor);
  return deps.db.transaction().execute(async (trx) => {
    const before = await getWorkSettings(trx, userId);
    const after = await saveWorkSettings(trx, userId, patch, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'work_settings',
      entityId: userId,
      before: { ...before },
      after: { ...after },
      label: actor.name ?? undefined,
    });
    return after;
  });
}

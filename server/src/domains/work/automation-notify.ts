import { PostgresAdapter } from 'kysely';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { registerAction } from '../automation';
import { getUserSummaries, type UserSummary } from '../identity';
import { checkFixedAssignee } from './automation-recipients';
import { announceNotifications } from './notification-hub';
import { insertNotificationsIgnoringDuplicates } from './notifications.repository';
import { type Lookup, teamMemberIdsOf, userOf } from './tasks.links';
import type { NotificationsTable } from './work.tables';

export const RULE_NOTIFICATION_KIND = 'rule_notification';

/** The page of a rule's root record (the notification links to it). */
const PAGES: Record<string, string> = {
  deal: '/deals/',
  company: '/companies/',
  contact: '/contacts/',
  invoice: '/invoices/',
  task: '/tasks/',
  product: '/products/',
  purchase_order: '/purchase-orders/',
};

/** `rule:<actionRunId>:<userId>`: one notification per action run and recipient, however often it runs. */
export const ruleNotificationKey = (actionRunId: string, userId: string) => `rule:${actionRunId}:${userId}`;

/** The people a notification goes to: the resolved user, else every active member of the resolved team. */
async function recipientsOf(
  db: Parameters<typeof getUserSummaries>[0],
  resolved: { userId: string | null; teamId: string | null },
  lookup?: Lookup,
): Promise<UserSummary[]> {
  if (resolved.userId) {
    const user = await userOf(db, resolved.userId, lookup);
    return user?.active ? [user] : [];
  }
  const ids = resolved.teamId ? await teamMemberIdsOf(db, resolved.teamId, lookup) : [];
  const users = await getUserSummaries(db, ids);
  return ids.map((id) => users.get(id)).filter((u): u is UserSummary => !!u?.active);
}

registerAction({
  kind: 'notify',
  recordTypes: 'any',
  validate: (db, action) => checkFixedAssignee(db, action.to),
  async describe(ctx, action) {
    const people = await recipientsOf(ctx.db, await ctx.resolveAssignee(action.to));
    const names = people.map((p) => p.name);
    const shown =
      names.length > 3 ? `${names.slice(0, 3).join(', ')} und ${names.length - 3} weitere` : names.join(', ');
    return {
      description: `Benachrichtigung an ${shown || 'niemanden'}: „${ctx.render(action.message, people[0]?.locale ?? 'de')}“`,
      problem: people.length === 0 ? 'Niemand würde die Benachrichtigung bekommen' : null,
    };
  },
  async execute(ctx, action) {
    const people = await recipientsOf(ctx.trx, await ctx.resolveAssignee(action.to), ctx.lookup);
    if (people.length === 0) {
      throw new AppError(
        'unprocessable',
        'automation.no_recipient',
        'Nobody to notify: no active user found',
        [{ path: 'to', message: 'Nobody found' }],
      );
    }
    const now = ctx.clock.now().toISOString();
    const page = ctx.root ? PAGES[ctx.root.type] : undefined;
    const texts = new Map<string, string>();
    const rows: NotificationsTable[] = people.map((user) => {
      let title = texts.get(user.locale);
      if (title === undefined) {
        title = ctx.render(action.message, user.locale).slice(0, 500);
        texts.set(user.locale, title);
      }
      return {
        id: uuidv7(),
        user_id: user.id,
        kind: RULE_NOTIFICATION_KIND,
        title,
        // why it came: "Regel „…“: weil …"
        body: ctx.explanation,
        link: page && ctx.root ? `${page}${ctx.root.id}` : null,
        task_id: ctx.root?.type === 'task' ? ctx.root.id : null,
        dedupe_key: ruleNotificationKey(ctx.actionRunId, user.id),
        created_at: now,
        read_at: null,
      };
    });
    // a retry inserts nothing new (dedupe keys); the result names the first recipient's notification
    const inserted = await insertNotificationsIgnoringDuplicates(ctx.trx, rows);
    const postgres = ctx.trx.getExecutor().adapter instanceof PostgresAdapter;
    await announceNotifications(
      ctx.trx,
      postgres ? 'postgres' : 'sqlite',
      inserted.map((n) => n.user_id),
    );
    const mine = rows[0]!;
    // inserted now: it is the row just built; read back only what an earlier attempt inserted
    const first = inserted.some((n) => n.dedupe_key === mine.dedupe_key)
      ? mine
      : await ctx.trx
          .selectFrom('notifications')
          .select(['id', 'title'])
          .where('dedupe_key', '=', mine.dedupe_key)
          .executeTakeFirstOrThrow();
    return { entityType: 'notification', entityId: first.id, label: first.title };
  },
});

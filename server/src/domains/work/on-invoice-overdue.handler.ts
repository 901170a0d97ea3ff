import type { DomainEvent, EventPayload } from '../../../../contracts/events';
import { CreateTask } from '../../../../contracts/work';
import { auditEntryRow, recordAudits } from '../../platform/audit/audit';
import type { AppContext } from '../../platform/context';
import { publishMany } from '../../platform/events/publish';
import type { HandlerContext } from '../../platform/events/registry';
import { uuidv7 } from '../../platform/ids';
import { type BuiltinRun, isBuiltinRuleEnabled, recordBuiltinRuns } from '../automation';
import { getBillingSettings, getInvoiceStates } from '../billing';
import { getCompanySummaries } from '../companies';
import { getMemberIdsOfTeams, getTeamNames, getUserSummaries } from '../identity';
import { reminderAtFor } from './reminder-time';
import { checkType, unprocessable } from './tasks.links';
import { taskAuditSnapshot } from './tasks.mappers';
import { insertSystemTasksUnlessExist, type TaskRowBase } from './tasks.repository';
import { resolveDue } from './tasks.service';
import { defaultSettingsFor } from './work-defaults.repository';
import { getWorkSettingsOf } from './work-settings.repository';

export const COLLECTION_TASK_TYPE = 'collection';

/** The built-in rule (registered by billing) that switches collection tasks on and off. */
export const COLLECTION_RULE = 'billing.collection';

/** `invoice-overdue:<invoiceId>`: the origin_ref of an invoice's collection task (unique). */
export const collectionTaskRef = (invoiceId: string) => `invoice-overdue:${invoiceId}`;

const EURO = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 123456 → "1.234,56 €" (one formatter for all: making an Intl.NumberFormat costs ~0.5 ms). */
export function formatEuro(cents: number): string {
  return `${EURO.format(cents / 100)} €`;
}

/** 2026-12-31 → 31.12.2026. */
export const germanDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** The texts of a collection task (German, like the invoices: the demo company is German). */
export function collectionTaskTexts(p: EventPayload<'invoice.overdue'>) {
  const days = p.daysOverdue === 1 ? '1 Tag' : `${p.daysOverdue} Tage`;
  return {
    subject: `Zahlung einfordern: Rechnung ${p.number} – ${formatEuro(p.openCents)} offen, ${days} überfällig`,
    label: `Rechnung ${p.number} überfällig`,
    notes:
      `Die Rechnung ${p.number} war am ${germanDate(p.dueDate)} fällig; offen sind ${formatEuro(p.openCents)}. ` +
      'Bitte beim Kunden nachfassen. Die Aufgabe schließt sich, sobald die Zahlung eingeht.',
  };
}

type Log = AppContext['log'];

/**
 * The collection tasks for a batch of `invoice.overdue` events, with the effect of making them one
 * by one through `insertNewTask` (the same checks, defaults, reminder, audit entry and
 * `task.created`), but with one lookup per kind of record for the whole batch — settings, invoices,
 * owners, team members, companies, reminder settings — one multi-row insert of the tasks and one
 * of their audit entries and events. What would make insertNewTask refuse a task (a merged or
 * unknown company, an invoice of another company, an archived task type, an unknown team) throws
 * here too: the dispatcher then delivers the batch's events one by one, so only that event fails.
 */
export async function createCollectionTasks(
  log: Log,
  h: HandlerContext,
  payloads: ReadonlyArray<EventPayload<'invoice.overdue'>>,
): Promise<TaskRowBase[]> {
  // paid or cancelled before this delivery: nothing to collect (and nothing would close the task)
  const invoices = await getInvoiceStates(
    h.trx,
    payloads.map((p) => p.invoiceId),
  );
  const due = payloads.filter((p) => {
    const invoice = invoices.get(p.invoiceId);
    return invoice?.status === 'issued' && invoice.openCents !== 0;
  });
  if (due.length === 0) return [];
  const settings = await getBillingSettings(h.trx);
  const teamOf = (p: EventPayload<'invoice.overdue'>) => settings.collectionsTeamId ?? p.teamId;
  const teamIds = [...new Set(due.map(teamOf).filter((t): t is string => !!t))];
  const ownerIds = [...new Set(due.map((p) => p.ownerId).filter((o): o is string => !!o))];
  const [owners, members, teamNames, companies, type] = await Promise.all([
    getUserSummaries(h.trx, ownerIds),
    getMemberIdsOfTeams(h.trx, teamIds),
    getTeamNames(h.trx, teamIds),
    getCompanySummaries(
      h.trx,
      due.map((p) => p.companyId),
    ),
    checkType(h.trx, COLLECTION_TASK_TYPE),
  ]);

  const now = h.clock.now().toISOString();
  const made: Array<{ row: TaskRowBase; reminder: string }> = [];
  for (const p of due) {
    const teamId = teamOf(p);
    let assigneeId: string | null = null;
    if (p.ownerId) {
      const owner = owners.get(p.ownerId);
      const fits = owner?.active && (!teamId || (members.get(teamId) ?? []).includes(p.ownerId));
      if (fits) assigneeId = p.ownerId;
    }
    if (!teamId && !assigneeId) {
      log.warn(
        { invoiceId: p.invoiceId },
        `no collection task for overdue invoice ${p.number}: set the collections team in the billing settings`,
      );
      continue;
    }
    // the checks of insertNewTask (tasks.links), on what the batch looked up
    if (teamId && !teamNames.has(teamId)) {
      throw unprocessable('task.unknown_team', `Team ${teamId} does not exist`, 'teamId', 'No such team');
    }
    if (invoices.get(p.invoiceId)!.companyId !== p.companyId) {
      throw unprocessable(
        'task.invoice_not_of_company',
        `Invoice ${p.number} is addressed to another company`,
        'invoiceId',
      );
    }
    const company = companies.get(p.companyId);
    if (!company) {
      throw unprocessable('task.unknown_company', `Company ${p.companyId} does not exist`, 'companyId');
    }
    if (company.mergedIntoId) {
      throw unprocessable(
        'task.company_merged',
        `${company.name} was merged into another company; use that one`,
        'companyId',
      );
    }
    const texts = collectionTaskTexts(p);
    const input = CreateTask.parse({
      type: COLLECTION_TASK_TYPE,
      subject: texts.subject,
      notes: texts.notes,
      dueDate: p.overdueSince,
      priority: 'high',
      assigneeId,
      teamId,
      companyId: p.companyId,
    });
    const dates = resolveDue({ dueDate: input.dueDate ?? null, dueAt: null }, h.config.timezone);
    const id = uuidv7();
    made.push({
      reminder: input.reminder,
      row: {
        id,
        type: type.key,
        subject: input.subject,
        notes: input.notes ?? null,
        ...dates,
        duration_minutes: input.durationMinutes ?? null,
        priority: input.priority,
        status: 'open',
        outcome: input.outcome ?? null,
        assignee_id: assigneeId,
        team_id: teamId,
        company_id: p.companyId,
        contact_id: null,
        deal_id: null,
        invoice_id: p.invoiceId,
        origin: 'system',
        origin_ref: collectionTaskRef(p.invoiceId),
        origin_label: texts.label,
        recurrence: input.recurrence,
        recurrence_interval: input.recurrenceInterval,
        recurrence_until: input.recurrence === 'none' ? null : (input.recurrenceUntil ?? null),
        series_id: input.recurrence === 'none' ? null : id,
        reminder_at: null,
        reminder_fired_at: null,
        completed_at: null,
        completed_by: null,
        cancelled_at: null,
        closed_at: null,
        created_by: h.actor.userId,
        created_at: now,
        updated_at: now,
        version: 1,
      },
    });
  }
  if (made.length === 0) return [];

  // the default reminder of each task: its assignee's settings, the company defaults (as for a
  // team task made by hand, see tasks.service) for a team task — each looked up once per batch
  const reminderSettings = await getWorkSettingsOf(
    h.trx,
    made.map((m) => m.row.assignee_id).filter((a): a is string => !!a),
  );
  const companyDefaults = made.some((m) => !m.row.assignee_id && m.reminder === 'default')
    ? await defaultSettingsFor(h.trx)
    : undefined;
  const reminderAt = new Map<string, string | null>();
  for (const { row, reminder } of made) {
    if (reminder === 'none') continue;
    if (reminder !== 'default') {
      row.reminder_at = new Date(reminder).toISOString();
      continue;
    }
    const s = row.assignee_id ? reminderSettings.get(row.assignee_id) : companyDefaults;
    if (!s) continue;
    // the tasks of a sweep share their due date: the time-zone arithmetic once per date and time
    const key = `${row.due_date}|${row.due_at}|${s.allDayReminderTime}|${s.reminderMinutesBefore}`;
    let at = reminderAt.get(key);
    if (at === undefined) {
      at = reminderAtFor({ dueDate: row.due_date, dueAt: row.due_at }, s, h.config.timezone);
      reminderAt.set(key, at);
    }
    row.reminder_at = at;
  }

  // one task per origin_ref: a task that exists already (a second delivery) is left alone
  const inserted = await insertSystemTasksUnlessExist(
    h.trx,
    made.map((m) => m.row),
  );
  const rows = made.map((m) => m.row).filter((r) => inserted.has(r.id));
  await recordAudits(
    h.trx,
    rows.map((row) =>
      auditEntryRow(now, h.actor, {
        entityType: 'task',
        entityId: row.id,
        before: null,
        after: taskAuditSnapshot(row),
      }),
    ),
  );
  await publishMany(
    h.trx,
    h.clock,
    h.actor,
    'task.created',
    rows.map((row) => ({
      taskId: row.id,
      type: row.type,
      assigneeId: row.assignee_id,
      teamId: row.team_id,
      dealId: row.deal_id,
      companyId: row.company_id,
    })),
  );
  return rows;
}

/** "Rechnung RE-2026-00012 ist 14 Tage überfällig (offen 1.234,56 €)": why the rule made the task. */
export function collectionReason(
  p: Pick<EventPayload<'invoice.overdue'>, 'number' | 'daysOverdue' | 'openCents'>,
): string {
  const days = p.daysOverdue === 1 ? '1 Tag' : `${p.daysOverdue} Tage`;
  return `Rechnung ${p.number} ist ${days} überfällig (offen ${formatEuro(p.openCents)})`;
}

/** The collection tasks made for these events as runs of the built-in rule (one per event). */
function collectionRuns(
  events: ReadonlyArray<DomainEvent<'invoice.overdue'>>,
  rows: TaskRowBase[],
): BuiltinRun[] {
  const eventOf = new Map(events.map((e) => [e.payload.invoiceId, e]));
  return rows.flatMap((row) => {
    const event = row.invoice_id ? eventOf.get(row.invoice_id) : undefined;
    if (!event) return [];
    return [
      {
        triggerKey: `event:${event.id}`,
        eventId: event.id,
        eventType: event.type,
        recordType: 'invoice' as const,
        recordId: event.payload.invoiceId,
        recordLabel: event.payload.number,
        reason: collectionReason(event.payload),
        results: [
          { kind: 'create_task', result: { entityType: 'task', entityId: row.id, label: row.subject } },
        ],
      },
    ];
  });
}

/**
 * An invoice became overdue (billing's due sweep): one collection task for the collections team of
 * the billing settings ("Vertrieb & Inkasso"; else the invoice's team), given to the invoice's owner
 * when that person is active and in the team, due on the day the sweep ran, linked to the company
 * and the invoice. Idempotent: the task's origin_ref `invoice-overdue:<id>` is unique among system
 * tasks, so a second delivery (or a duplicate event) inserts nothing. With neither a team nor an
 * owner to give it to, no task is made (logged): someone has to set the collections team.
 *
 * A batch subscriber: the due sweep raises thousands of these at once, and the dispatcher delivers
 * them together (createCollectionTasks), a single one as a batch of one.
 *
 * It is the built-in rule `billing.collection`: disabled, no task is made (the invoices still become
 * overdue); each task made is a run in the rule's history (trigger key `event:<id>`), recorded in
 * the same transaction.
 */
export function subscribeCollectionTask(ctx: AppContext): void {
  ctx.events.subscribeBatch('invoice.overdue', 'work.collection-task', async (events, h) => {
    // the built-in rule "Inkasso-Aufgabe bei überfälliger Rechnung": one check for the whole batch
    if (!(await isBuiltinRuleEnabled(h.trx, COLLECTION_RULE))) return;
    const rows = await createCollectionTasks(
      ctx.log,
      h,
      events.map((e) => e.payload),
    );
    await recordBuiltinRuns(h.trx, h.clock, COLLECTION_RULE, collectionRuns(events, rows));
  });
}

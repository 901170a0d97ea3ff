import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { findInvoice, getInvoiceNumbers } from '../billing';
import { getCompanyNames, getCompanySummary, getContactNames, getContactSummary } from '../companies';
import { getMemberIdsOfTeams, getTeamNames, getUserNames, getUserSummary } from '../identity';
import { getDealRefs, getDealTitles } from '../sales';
import { findTaskType, type TaskTypeRow } from './task-types.repository';
import type { TaskNames } from './tasks.mappers';
import type { TaskRowBase } from './tasks.repository';

/**
 * The records a task points to live in other domains (users, teams, companies, contacts, deals):
 * checked on write and named on read through those domains' public functions only.
 */
export const unprocessable = (code: string, message: string, path: string, fieldMessage = message) =>
  new AppError('unprocessable', code, message, [{ path, message: fieldMessage }]);

/**
 * How the checks read what a task points to: at once (the default), or once per key for many
 * tasks made in one go — the actions of a rule batch share their lookups (ActionContext.lookup).
 * Only the reads below go through it: task types, users and teams, which no rule action changes.
 */
export type Lookup = <T>(key: string, load: () => Promise<T>) => Promise<T>;
export const lookUpEachTime: Lookup = (_key, load) => load();

export const taskTypeOf = (db: DbOrTx, key: string, lookup: Lookup = lookUpEachTime) =>
  lookup(`work:task-type:${key}`, () => findTaskType(db, key));
export const userOf = (db: DbOrTx, id: string, lookup: Lookup = lookUpEachTime) =>
  lookup(`work:user:${id}`, () => getUserSummary(db, id));
export const teamNameOf = (db: DbOrTx, id: string, lookup: Lookup = lookUpEachTime) =>
  lookup(`work:team-name:${id}`, async () => (await getTeamNames(db, [id])).get(id) ?? null);
export const teamMemberIdsOf = (db: DbOrTx, id: string, lookup: Lookup = lookUpEachTime) =>
  lookup(`work:team-members:${id}`, async () => (await getMemberIdsOfTeams(db, [id])).get(id) ?? []);

/** A type that exists and is not archived (archived types stay on old tasks only). */
export async function checkType(db: DbOrTx, key: string, lookup?: Lookup): Promise<TaskTypeRow> {
  const type = await taskTypeOf(db, key, lookup);
  if (!type)
    throw unprocessable('task.unknown_type', `There is no task type "${key}"`, 'type', 'No such type');
  if (type.archived_at) {
    throw unprocessable(
      'task.type_archived',
      `The task type "${type.name}" is archived`,
      'type',
      'Choose another type',
    );
  }
  return type;
}

export async function checkAssignee(db: DbOrTx, userId: string, lookup?: Lookup): Promise<void> {
  const user = await userOf(db, userId, lookup);
  if (!user)
    throw unprocessable(
      'task.unknown_assignee',
      `User ${userId} does not exist`,
      'assigneeId',
      'No such user',
    );
  if (!user.active) {
    throw unprocessable(
      'task.assignee_inactive',
      `${user.name} is deactivated`,
      'assigneeId',
      'Choose an active user',
    );
  }
}

/** The invoice a task is about, if the actor may see it; returns its company (the task's too). */
export async function checkInvoice(
  db: DbOrTx,
  actor: Actor,
  invoiceId: string,
  companyId: string | null | undefined,
): Promise<string> {
  const invoice = await findInvoice(db, invoiceId, actor.userId ? actor : undefined);
  if (!invoice)
    throw unprocessable(
      'task.unknown_invoice',
      `Invoice ${invoiceId} does not exist`,
      'invoiceId',
      'No such invoice',
    );
  if (companyId && companyId !== invoice.company_id) {
    throw unprocessable(
      'task.invoice_not_of_company',
      `Invoice ${invoice.number ?? invoiceId} is addressed to another company`,
      'invoiceId',
      'Choose an invoice of the task’s company',
    );
  }
  return invoice.company_id;
}

export async function checkTeam(db: DbOrTx, teamId: string, lookup?: Lookup): Promise<void> {
  if ((await teamNameOf(db, teamId, lookup)) === null)
    throw unprocessable('task.unknown_team', `Team ${teamId} does not exist`, 'teamId', 'No such team');
}

export async function isTeamMember(
  db: DbOrTx,
  teamId: string,
  userId: string,
  lookup?: Lookup,
): Promise<boolean> {
  return (await teamMemberIdsOf(db, teamId, lookup)).includes(userId);
}

export interface TaskRelations {
  companyId: string | null;
  contactId: string | null;
  dealId: string | null;
}

/**
 * Checks the related company, contact and deal and fills in what follows from them: a task about a
 * deal or a contact is also about its company (so it shows on the company's timeline). The contact
 * must work for that company and the deal must be the company's.
 */
export async function resolveRelations(
  db: DbOrTx,
  actor: Actor,
  input: TaskRelations,
): Promise<TaskRelations> {
  let companyId = input.companyId;
  if (input.dealId) {
    const deal = (await getDealRefs(db, [input.dealId])).get(input.dealId);
    if (!deal)
      throw unprocessable(
        'task.unknown_deal',
        `Deal ${input.dealId} does not exist`,
        'dealId',
        'No such deal',
      );
    if (companyId && companyId !== deal.companyId) {
      throw unprocessable(
        'task.deal_not_of_company',
        `The deal "${deal.title}" belongs to another company`,
        'dealId',
        'Choose a deal of the task’s company',
      );
    }
    companyId = deal.companyId;
  }
  if (input.contactId) {
    const contact = await getContactSummary(db, input.contactId);
    if (!contact) {
      throw unprocessable(
        'task.unknown_contact',
        `Contact ${input.contactId} does not exist`,
        'contactId',
        'No such contact',
      );
    }
    if (contact.mergedIntoId) {
      throw unprocessable(
        'task.contact_merged',
        'The contact was merged into another one; use that one',
        'contactId',
        `Merged into ${contact.mergedIntoId}`,
      );
    }
    if (companyId && contact.companyId !== companyId) {
      throw unprocessable(
        'task.contact_not_of_company',
        `${contact.name} works for another company than the task’s`,
        'contactId',
        'Choose a contact of the task’s company',
      );
    }
    companyId = contact.companyId;
  }
  if (companyId) {
    const company = await getCompanySummary(db, companyId, actor);
    if (!company) {
      throw unprocessable(
        'task.unknown_company',
        `Company ${companyId} does not exist`,
        'companyId',
        'No such company',
      );
    }
    if (company.mergedIntoId) {
      throw unprocessable(
        'task.company_merged',
        `${company.name} was merged into another company; use that one`,
        'companyId',
        `Merged into ${company.mergedIntoId}`,
      );
    }
  }
  return { companyId, contactId: input.contactId, dealId: input.dealId };
}

/**
 * Names for a page of tasks: one names-only lookup per kind of record (ids and names, no full rows
 * or joins), whatever the page size.
 */
export async function namesOf(db: DbOrTx, rows: readonly TaskRowBase[]): Promise<Map<string, TaskNames>> {
  const users: string[] = [];
  const teams: string[] = [];
  const companies: string[] = [];
  const contacts: string[] = [];
  const deals: string[] = [];
  const invoices: string[] = [];
  for (const r of rows) {
    if (r.invoice_id) invoices.push(r.invoice_id);
    if (r.assignee_id) users.push(r.assignee_id);
    if (r.team_id) teams.push(r.team_id);
    if (r.company_id) companies.push(r.company_id);
    if (r.contact_id) contacts.push(r.contact_id);
    if (r.deal_id) deals.push(r.deal_id);
  }
  const none = new Map<string, string>();
  const [userNames, teamNames, companyNames, contactNames, dealTitles, invoiceNumbers] = await Promise.all([
    users.length ? getUserNames(db, users) : none,
    teams.length ? getTeamNames(db, teams) : none,
    companies.length ? getCompanyNames(db, companies) : none,
    contacts.length ? getContactNames(db, contacts) : none,
    deals.length ? getDealTitles(db, deals) : none,
    invoices.length ? getInvoiceNumbers(db, invoices) : new Map<string, string | null>(),
  ]);
  const name = (names: Map<string, string>, id: string | null) => (id ? (names.get(id) ?? null) : null);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        assigneeName: name(userNames, r.assignee_id),
        teamName: name(teamNames, r.team_id),
        companyName: name(companyNames, r.company_id),
        contactName: name(contactNames, r.contact_id),
        dealTitle: name(dealTitles, r.deal_id),
        invoiceNumber: r.invoice_id ? (invoiceNumbers.get(r.invoice_id) ?? null) : null,
      },
    ]),
  );
}

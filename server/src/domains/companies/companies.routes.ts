import type { FastifyReply } from 'fastify';
import { IdParams } from '../../../../contracts/common';
import {
  AllowDuplicateQuery,
  Company,
  CompanyList,
  CompanyListQuery,
  CompanyNote,
  Contact,
  ContactList,
  ContactListQuery,
  CreateCompany,
  CreateCompanyNote,
  CreateContact,
  DuplicateCheckQuery,
  DuplicateCheckResult,
  type DuplicateProblem,
  DuplicateProblem as DuplicateProblemSchema,
  MergeRequest,
  Timeline,
  TimelineQuery,
  UpdateCompany,
  UpdateContact,
} from '../../../../contracts/companies';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import { problem, sendProblem } from '../../platform/http/problem';
import type { App } from '../../platform/http/types';
import {
  checkCompanyDuplicates,
  createCompany,
  getCompany,
  listCompanies,
  updateCompany,
} from './companies.service';
import { createContact, getContact, listContacts, updateContact } from './contacts.service';
import { PossibleDuplicatesError } from './duplicates';
import { mergeCompanies } from './merge-companies';
import { mergeContacts } from './merge-contacts';
import { addCompanyNote, getTimeline } from './timeline.service';

/** Runs a create; a PossibleDuplicatesError becomes a 409 problem listing the candidates. */
async function withDuplicates<T>(reply: FastifyReply, create: () => Promise<T>) {
  try {
    return reply.status(201).send(await create());
  } catch (err) {
    if (!(err instanceof PossibleDuplicatesError)) throw err;
    const body: DuplicateProblem = {
      ...problem(409, err.message, { code: err.code, errors: err.errors ?? [] }),
      duplicates: err.duplicates,
    };
    return sendProblem(reply, body);
  }
}

const DUPLICATE_NOTE =
  'Answers 409 `companies.possible_duplicate` with `duplicates` (id, name, reason) when a similar record exists; repeat with `?allowDuplicate=true` to create it anyway (with a new Idempotency-Key, if you send one: the 409 is the stored answer to the first key).';

export function companiesRoutes(app: App, ctx: AppContext) {
  // ─── companies ──────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/companies',
    {
      schema: {
        tags: ['companies'],
        summary: 'Companies you can see',
        description:
          'Merged duplicates are left out. `q` searches name, legal name, city and website; `sort` by name, city, createdAt, updatedAt, employees (prefix `-` for descending).',
        querystring: CompanyListQuery,
        response: { 200: CompanyList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see companies');
      return listCompanies(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/companies/duplicates',
    {
      schema: {
        tags: ['companies'],
        summary: 'Existing companies that look like the one being entered',
        description:
          'For live checks in forms: same VAT ID, same web domain, contacts with e-mail addresses at that domain, or a similar name. `visible: false` marks records you cannot open (ask their owner).',
        querystring: DuplicateCheckQuery,
        response: { 200: DuplicateCheckResult },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see companies');
      return { duplicates: await checkCompanyDuplicates(ctx, actor, request.query) };
    },
  );

  app.post(
    '/api/companies',
    {
      schema: {
        tags: ['companies'],
        summary: 'Create a company',
        description: `The owner defaults to you, the team to the owner's team when they are in exactly one. ${DUPLICATE_NOTE}`,
        querystring: AllowDuplicateQuery,
        body: CreateCompany,
        response: { 201: Company, 409: DuplicateProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'companies.write', 'create companies');
      return withDuplicates(reply, () =>
        createCompany(ctx, actor, request.body, { allowDuplicate: request.query.allowDuplicate === 'true' }),
      );
    },
  );

  app.get(
    '/api/companies/:id',
    {
      schema: {
        tags: ['companies'],
        summary: 'One company',
        description:
          'A merged duplicate is returned too, with `mergedIntoId`: follow it to the surviving company.',
        params: IdParams,
        response: { 200: Company },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see companies');
      return getCompany(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/companies/:id',
    {
      schema: {
        tags: ['companies'],
        summary: 'Change a company',
        description: 'Send `version`; `null` clears a field.',
        params: IdParams,
        body: UpdateCompany,
        response: { 200: Company },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.write', 'change companies');
      return updateCompany(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/companies/:id/merge',
    {
      schema: {
        tags: ['companies'],
        summary: 'Merge a duplicate (sourceId) into this company',
        description:
          'Empty fields are filled from the duplicate, roles and tags united, its contacts and notes moved here. The duplicate is kept, hidden from lists, with `mergedIntoId`. Raises `company.merged`.',
        params: IdParams,
        body: MergeRequest,
        response: { 200: Company },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.merge', 'merge companies');
      return mergeCompanies(ctx, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/companies/:id/timeline',
    {
      schema: {
        tags: ['companies'],
        summary: 'What happened with a company, newest first',
        description:
          'Notes, changes, contacts added, duplicates merged, and the entries other domains contribute (deals, activities, invoices). `kinds=note,change` limits the kinds.',
        params: IdParams,
        querystring: TimelineQuery,
        response: { 200: Timeline },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see companies');
      return getTimeline(ctx, actor, request.params.id, request.query);
    },
  );

  app.post(
    '/api/companies/:id/notes',
    {
      schema: {
        tags: ['companies'],
        summary: 'Add a note to a company (shown in its timeline)',
        params: IdParams,
        body: CreateCompanyNote,
        response: { 201: CompanyNote },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'companies.write', 'add notes');
      return reply.status(201).send(await addCompanyNote(ctx, actor, request.params.id, request.body.body));
    },
  );

  // ─── contacts ───────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Contacts of the companies you can see',
        description: '`q` searches names and e-mail addresses. Merged duplicates are left out.',
        querystring: ContactListQuery,
        response: { 200: ContactList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see contacts');
      return listContacts(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/contacts',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Create a contact in a company',
        description:
          'Answers 409 `contacts.possible_duplicate` when another contact has one of the e-mail addresses; repeat with `?allowDuplicate=true`. Opting out withdraws consent; never mail a contact whose `isMailable` is false.',
        querystring: AllowDuplicateQuery,
        body: CreateContact,
        response: { 201: Contact, 409: DuplicateProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'companies.write', 'create contacts');
      return withDuplicates(reply, () =>
        createContact(ctx, actor, request.body, { allowDuplicate: request.query.allowDuplicate === 'true' }),
      );
    },
  );

  app.get(
    '/api/contacts/:id',
    { schema: { tags: ['contacts'], summary: 'One contact', params: IdParams, response: { 200: Contact } } },
    async (request) => {
      const actor = requirePermission(request, 'companies.read', 'see contacts');
      return getContact(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/contacts/:id',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Change a contact',
        params: IdParams,
        body: UpdateContact,
        response: { 200: Contact },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.write', 'change contacts');
      return updateContact(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/contacts/:id/merge',
    {
      schema: {
        tags: ['contacts'],
        summary: 'Merge a duplicate contact (sourceId) into this one',
        description:
          'Empty fields are filled, e-mail addresses and phone numbers united; an opt-out of either wins. The duplicate is kept, hidden, with `mergedIntoId`. Raises `contact.merged`.',
        params: IdParams,
        body: MergeRequest,
        response: { 200: Contact },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'companies.merge', 'merge contacts');
      return mergeContacts(ctx, actor, request.params.id, request.body);
    },
  );
}
